"""The ready scales and template, in the glossary's three languages.

Created by migration ``0002`` and topped up after every ``migrate`` (and every ``flush``, which
transactional tests run), so they are always there; existing rows are never changed.
"""

from __future__ import annotations


def L(en, ru, zh):  # noqa: N802
    return {"en": en, "ru": ru, "zh-hans": zh}


SCALES = {
    "respondent": (
        L("Respondent scale", "Шкала респондента", "评估人量表"),
        [
            (1, L("far below expectations", "значительно ниже ожиданий", "远低于预期"), False),
            (2, L("below expectations", "ниже ожиданий", "低于预期"), False),
            (3, L("meets expectations", "соответствует ожиданиям", "符合预期"), False),
            (4, L("above expectations", "выше ожиданий", "高于预期"), False),
            (5, L("far above expectations", "значительно выше ожиданий", "远超预期"), False),
            (0, L("can't judge", "не могу оценить", "无法评价"), True),
        ],
    ),
    "final-rating": (
        L("Final rating", "Итоговый рейтинг результативности", "最终绩效等级"),
        [
            (1, L("no result", "нет результата", "无结果"), False),
            (2, L("insufficient", "недостаточный", "不足"), False),
            (3, L("good", "хороший", "良好"), False),
            (4, L("over-result", "сверхрезультат", "超出预期"), False),
            (5, L("almost ready for promotion", "почти готов к повышению", "接近晋升"), False),
            (6, L("ready for promotion", "готов к повышению", "可晋升"), False),
        ],
    ),
    "potential": (
        L("Potential", "Потенциал", "潜力"),
        [
            (1, L("low", "низкий", "低"), False),
            (2, L("medium", "средний", "中"), False),
            (3, L("high", "высокий", "高"), False),
        ],
    ),
}

# (section, kind, author, texts, scale code, required)
QUESTIONS = [
    ("goals", "goal", "self", L("Comment on this goal", "Комментарий к цели", "对该目标的说明"), None, False),
    ("open", "text", "self", L("Role and expectations", "Роль и ожидания", "角色与期望"), None, True),
    ("open", "text", "self", L("What I did", "Что я сделал(а)", "我做了什么"), None, True),
    ("open", "text", "self", L("What went well", "Что получилось хорошо", "做得好的地方"), None, True),
    ("open", "text", "self", L("What went badly", "Что получилось плохо", "做得不好的地方"), None, True),
    ("respondent", "goal", "respondent",
     L("How did they do on this goal?", "Насколько хорошо выполнена цель?", "该目标完成得如何？"), "respondent", False),
    ("respondent", "rating", "respondent",
     L("Overall, how did they meet expectations?", "В целом, насколько результаты соответствуют ожиданиям?",
       "总体而言，表现与预期相比如何？"), "respondent", True),
    ("respondent", "text", "respondent", L("Comment", "Комментарий", "评语"), None, False),
    ("respondent", "text", "respondent", L("Start doing", "Начать делать", "开始做"), None, False),
    ("respondent", "text", "respondent", L("Stop doing", "Перестать делать", "停止做"), None, False),
    ("manager", "text", "manager", L("Summary of results", "Итоги периода", "结果总结"), None, True),
]


def ensure_ready_data(apps, using: str = "default") -> None:
    RatingScale = apps.get_model("cycles", "RatingScale")
    ScaleLevel = apps.get_model("cycles", "ScaleLevel")
    ReviewTemplate = apps.get_model("cycles", "ReviewTemplate")
    Question = apps.get_model("cycles", "Question")
    scales = {}
    for code, (names, levels) in SCALES.items():
        scale, _ = RatingScale.objects.using(using).get_or_create(code=code, defaults={"names": names})
        scales[code] = scale
        for position, (value, labels, cant_judge) in enumerate(levels):
            ScaleLevel.objects.using(using).get_or_create(
                scale=scale, value=value,
                defaults={"labels": labels, "is_cant_judge": cant_judge, "position": position},
            )
    template, created = ReviewTemplate.objects.using(using).get_or_create(
        code="standard", defaults={"names": L("Standard review", "Стандартное ревью", "标准评估")}
    )
    if created:
        for position, (section, kind, author, texts, scale, required) in enumerate(QUESTIONS):
            Question.objects.using(using).create(
                template=template, section=section, kind=kind, author=author, texts=texts,
                scale=scales[scale] if scale else None, position=position, required=required,
            )


def ensure_ready_data_after_migrate(sender, *, apps=None, using: str = "default", **kwargs) -> None:
    try:
        if apps is not None:
            apps.get_model("cycles", "Question")
    except LookupError:  # migrating backwards to before the tables existed
        return
    if apps is None:
        from django.apps import apps
    ensure_ready_data(apps, using=using)
