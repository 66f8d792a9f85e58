# ruff: noqa: E501 - a table of sentences reads better unbroken
"""Words of the demo OKRs in the interface's three languages, after the examples in the glossary.

Each objective is ``{lang: title}`` with three key results ``({lang: title}, kind, start, target, unit label)``.
"""

from __future__ import annotations

INC, DEC, BOOL, MILE = "increase_to", "decrease_to", "boolean", "milestone"


def t(en: str, ru: str, zh: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "zh-hans": zh}


COMPANY = [
    (t("Take our product to the global market", "Вывести продукт на глобальный рынок", "让我们的产品走向全球市场"), [
        (t("Open sales in 5 new countries", "Открыть продажи в 5 новых странах", "在 5 个新国家开始销售"), INC, 0, 5, ""),
        (t("Grow revenue outside the home market from 10% to 30%", "Поднять долю выручки вне домашнего рынка с 10% до 30%",
           "海外收入占比从 10% 提升到 30%"), INC, 10, 30, "%"),
        (t("Localise the product into 3 languages", "Локализовать продукт на 3 языка", "产品完成 3 种语言的本地化"),
         MILE, 0, 3, ""),
    ]),
    (t("Win people over with Gmail", "Покорить пользователей Gmail", "用 Gmail 赢得用户"), [
        (t("Launch Gmail in September", "Запустить Gmail в сентябре", "九月上线 Gmail"), BOOL, 0, 1, ""),
        (t("One million users by November", "Миллион пользователей к ноябрю", "十一月前达到一百万用户"),
         INC, 0, 1000000, ""),
        (t("Cut spam reaching the inbox from 2% to 0.1%", "Снизить долю спама во входящих с 2% до 0,1%",
           "收件箱垃圾邮件比例从 2% 降到 0.1%"), DEC, 2, 0.1, "%"),
    ]),
    (t("Build a workable model for evaluating OKRs", "Построить рабочую модель оценки OKR", "建立可行的 OKR 评估模型"), [
        (t("Present OKRs to the team on time", "Вовремя представить OKR команде", "按时向团队介绍 OKR"), BOOL, 0, 1, ""),
        (t("Complete a three-month OKR case", "Пройти трёхмесячный кейс OKR", "完成一个为期三个月的 OKR 案例"),
         MILE, 0, 3, ""),
        (t("Management agrees to a three-month trial", "Руководство согласовало трёхмесячный пилот",
           "管理层同意进行三个月试点"), BOOL, 0, 1, ""),
    ]),
]

UNIT = [
    (t("Make {unit} the team customers rely on", "Сделать {unit} командой, на которую полагаются клиенты",
       "让 {unit} 成为客户信赖的团队"), [
        (t("Raise customer satisfaction from 78% to 90%", "Поднять удовлетворённость клиентов с 78% до 90%",
           "客户满意度从 78% 提升到 90%"), INC, 78, 90, "%"),
        (t("Cut median response time from 24 to 6 hours", "Сократить медианное время ответа с 24 до 6 часов",
           "响应时间中位数从 24 小时缩短到 6 小时"), DEC, 24, 6, "h"),
        (t("Ship 12 improvements customers asked for", "Выпустить 12 улучшений по запросам клиентов",
           "交付 12 项客户提出的改进"), INC, 0, 12, ""),
    ]),
    (t("Deliver the quarter's roadmap on time", "Выполнить квартальный план вовремя", "按时交付本季度路线图"), [
        (t("Ship all 8 committed roadmap items", "Выпустить все 8 обещанных задач плана", "交付全部 8 项承诺的路线图事项"),
         INC, 0, 8, ""),
        (t("Keep unplanned work under 15% of time", "Удержать незапланированную работу ниже 15% времени",
           "计划外工作占比控制在 15% 以下"), DEC, 30, 15, "%"),
        (t("Release to production every week", "Выпускать релиз каждую неделю", "每周发布到生产环境"), MILE, 0, 12, ""),
    ]),
    (t("Take {unit} to the global market", "Вывести {unit} на глобальный рынок", "推动 {unit} 走向全球市场"), [
        (t("Sign the first 20 customers abroad", "Подписать первых 20 зарубежных клиентов", "签下首批 20 家海外客户"),
         INC, 0, 20, ""),
        (t("Support 3 currencies in billing", "Поддержать 3 валюты в биллинге", "计费支持 3 种货币"), MILE, 0, 3, ""),
        (t("Answer support in 3 languages", "Отвечать в поддержке на 3 языках", "用 3 种语言提供客户支持"), MILE, 0, 3, ""),
    ]),
    (t("Grow a team people want to join", "Вырастить команду, в которую хотят попасть", "打造人人向往的团队"), [
        (t("Hire 4 engineers", "Нанять 4 инженеров", "招聘 4 名工程师"), INC, 0, 4, ""),
        (t("Reduce regretted attrition from 8% to 3%", "Снизить нежелательную текучесть с 8% до 3%",
           "非期望离职率从 8% 降到 3%"), DEC, 8, 3, "%"),
        (t("Every person has a development plan", "У каждого есть план развития", "每个人都有个人发展计划"),
         INC, 0, 100, "%"),
    ]),
    (t("Make our delivery predictable", "Сделать поставку предсказуемой", "让交付可预期"), [
        (t("Raise sprint predictability from 60% to 85%", "Поднять предсказуемость спринтов с 60% до 85%",
           "迭代可预测性从 60% 提升到 85%"), INC, 60, 85, "%"),
        (t("Cut lead time from 14 to 5 days", "Сократить время поставки с 14 до 5 дней", "交付周期从 14 天缩短到 5 天"),
         DEC, 14, 5, "d"),
        (t("Automate 80% of regression tests", "Автоматизировать 80% регрессионных тестов", "80% 的回归测试实现自动化"),
         INC, 20, 80, "%"),
    ]),
]

PERSONAL = [
    (t("Grow as a professional", "Вырасти как профессионал", "提升专业能力"), [
        (t("Complete 2 courses", "Пройти 2 курса", "完成 2 门课程"), INC, 0, 2, ""),
        (t("Lead 3 design reviews", "Провести 3 дизайн-ревью", "主持 3 次设计评审"), INC, 0, 3, ""),
        (t("Mentor one newcomer through onboarding", "Провести одного новичка через адаптацию", "带一名新人完成入职"),
         BOOL, 0, 1, ""),
    ]),
    (t("Get fitter this year", "Стать выносливее в этом году", "今年更健康"), [
        (t("Double this year's running time against last year's", "Удвоить время пробежек по сравнению с прошлым годом",
           "今年跑步时间比去年翻一番"), INC, 50, 100, "h"),
        (t("Run a half marathon", "Пробежать полумарафон", "跑完一次半程马拉松"), BOOL, 0, 1, ""),
        (t("Train on 3 days a week for 12 weeks", "Тренироваться 3 дня в неделю 12 недель", "连续 12 周每周训练 3 天"),
         MILE, 0, 12, ""),
    ]),
    (t("Make my part of the product faster", "Ускорить свою часть продукта", "让我负责的产品部分更快"), [
        (t("Cut page load from 3.2 to 1.5 seconds", "Сократить загрузку страницы с 3,2 до 1,5 секунды",
           "页面加载时间从 3.2 秒降到 1.5 秒"), DEC, 3.2, 1.5, "s"),
        (t("Fix 20 performance bugs", "Исправить 20 ошибок производительности", "修复 20 个性能问题"), INC, 0, 20, ""),
        (t("Write the performance guide", "Написать руководство по производительности", "编写性能优化指南"),
         BOOL, 0, 1, ""),
    ]),
    (t("Become the go-to person for our data", "Стать экспертом по нашим данным", "成为团队的数据专家"), [
        (t("Give 2 internal talks", "Выступить с 2 внутренними докладами", "做 2 次内部分享"), INC, 0, 2, ""),
        (t("Answer 30 questions in the help channel", "Ответить на 30 вопросов в канале помощи",
           "在求助频道回答 30 个问题"), INC, 0, 30, ""),
        (t("Write 5 how-to articles", "Написать 5 практических статей", "撰写 5 篇操作指南"), INC, 0, 5, ""),
    ]),
]

NOTES = {
    "en": ["On track.", "Slower week: two people were on holiday.", "Good week, shipped two items.",
           "Blocked on the API review; escalated.", "Customer feedback is positive.", "Picked up after the release."],
    "ru": ["Идём по плану.", "Медленная неделя: двое были в отпуске.", "Хорошая неделя, выпустили две задачи.",
           "Заблокированы ревью API, эскалировали.", "Отзывы клиентов положительные.", "После релиза ускорились."],
    "zh-hans": ["按计划推进。", "本周较慢：两位同事休假。", "本周不错，交付了两项。", "被 API 评审阻塞，已升级。",
                "客户反馈积极。", "发布后进度加快。"],
}

DEVELOPMENT = [
    (t("Speak up in design reviews", "Активнее участвовать в дизайн-ревью", "在设计评审中积极发言"),
     t("Communication", "Коммуникация", "沟通"), t("Present one design a month", "Презентовать один дизайн в месяц",
                                                  "每月讲解一个设计")),
    (t("Learn to lead a small project", "Научиться вести небольшой проект", "学习带领小型项目"),
     t("Leadership", "Лидерство", "领导力"), t("Run the next release end to end", "Провести следующий релиз от начала до конца",
                                              "全程负责下一次发布")),
    (t("Deepen SQL and data modelling", "Углубить знания SQL и моделирования данных", "深入学习 SQL 与数据建模"),
     t("Expertise", "Экспертиза", "专业能力"), t("Finish the advanced SQL course", "Пройти продвинутый курс SQL",
                                                "完成高级 SQL 课程")),
]

BOARD = {
    "en": ("Finish the billing migration\nPrepare the demo for the quarterly review",
           "Roll out the new onboarding\nHire two engineers\nPlan next quarter's OKRs"),
    "ru": ("Завершить миграцию биллинга\nПодготовить демо к квартальному обзору",
           "Запустить новую адаптацию\nНанять двух инженеров\nСпланировать OKR следующего квартала"),
    "zh-hans": ("完成计费系统迁移\n准备季度复盘的演示", "上线新的入职流程\n招聘两名工程师\n规划下季度 OKR"),
}

HEALTH = {
    "en": {"green": "Healthy pace; nothing blocks us.", "yellow": "Two people off sick; the release may slip a few days.",
           "red": "The payment provider's outage stopped the migration; we need help from Platform."},
    "ru": {"green": "Темп хороший, ничего не блокирует.", "yellow": "Двое на больничном; релиз может сдвинуться на пару дней.",
           "red": "Сбой платёжного провайдера остановил миграцию; нужна помощь Platform."},
    "zh-hans": {"green": "节奏健康，没有阻碍。", "yellow": "两位同事病假，发布可能推迟几天。",
                "red": "支付服务商故障导致迁移停滞，需要平台团队支援。"},
}
