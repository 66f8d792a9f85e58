"""What the coach reads in goal texts, in English, Russian and Chinese: figures and money, task verbs,
outcome words. The word lists are data, kept here and nowhere else.

Detection is deliberately simple and explainable: a coach that says *why* it flagged a text must be
able to point at the word it matched.
"""

from __future__ import annotations

import re

# Numbers written as words, magnitudes, currencies and percent, per language.
FIGURE_WORDS = {
    "en": ("percent", "per cent", "million", "millions", "billion", "thousand", "hundred", "dozen", "usd", "eur",
           "rub", "rmb", "cny", "dollar", "dollars", "euro", "euros", "revenue of", "mln", "bn"),
    "ru": ("процент", "процента", "процентов", "миллион", "миллиона", "миллионов", "миллиард", "миллиарда",
           "миллиардов", "тысяча", "тысячи", "тысяч", "млн", "млрд", "тыс", "руб", "рубль", "рубля", "рублей",
           "долларов", "доллар", "евро"),
    "zh": ("百分之", "万元", "亿元", "美元", "人民币", "元人民币"),
}
CURRENCY_SYMBOLS = "$€£¥￥₽₹%％"
# A number standing on its own (not the "2" of "B2B"), with an optional decimal part.
LATIN_OR_CYRILLIC = "A-Za-zА-Яа-яЁё"
NUMBER_RE = re.compile(rf"(?<![{LATIN_OR_CYRILLIC}])\d+(?:[.,]\d+)?(?![{LATIN_OR_CYRILLIC}])|\d+\s*[kKxX万亿元千]")
# Years and quarter or half codes say *when*, not *how much*: they are not figures.
# A year counts as a date after "in", "by", "в", "до"… or before 年 / "г." / "год"; "2000 users" stays a figure.
TIME_RE = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?=\s*(?:年|г\.|г\b|год))"
    r"|\b(?:in|by|for|until|since|of|в|во|до|к|на|с|от)\s+(?:19|20)\d\d(?!\d)"
    r"|\b[QqHh][1-4]\b|\d{4}-[QH]\d",
    re.IGNORECASE,
)
# Chinese numerals followed by a magnitude or a currency: 一百万, 三千元, 两亿.
ZH_NUMBER_RE = re.compile(r"[一二三四五六七八九十两百千]+[万亿千元]")

# Verbs (and verbal nouns) that make a key result a task to do rather than an outcome to reach.
TASK_WORDS = {
    "en": ("do", "launch", "write", "create", "build", "implement", "develop", "complete", "finish", "hold",
           "organize", "organise", "prepare", "conduct", "run", "deliver", "release", "ship", "start", "draft",
           "present", "publish", "set up", "setup", "introduce", "roll out", "design", "make", "update", "migrate",
           "launching", "writing", "creating", "building", "implementing", "developing", "holding", "preparing"),
    "ru": ("сделать", "делать", "запустить", "запускать", "написать", "писать", "провести", "проводить",
           "подготовить", "разработать", "внедрить", "создать", "организовать", "выпустить", "завершить",
           "закончить", "начать", "реализовать", "составить", "презентовать", "представить", "обновить",
           "настроить", "перенести", "опубликовать", "запуск", "разработка", "проведение", "подготовка",
           "создание", "написание", "внедрение", "организация", "выпуск", "завершение", "презентация"),
    "zh": ("完成", "启动", "编写", "上线", "发布", "举办", "组织", "开展", "制定", "撰写", "推出", "建立",
           "开发", "实施", "召开", "准备", "做", "写", "搭建", "迁移", "推进", "展示", "介绍"),
}
# Words that show the key result names the outcome the work should bring.
OUTCOME_WORDS = {
    "en": ("so that", "resulting in", "leading to", "which", "to reach", "reaching", "reach", "achieve",
           "achieving", "at least", "increase", "increasing", "reduce", "reducing", "grow", "growing",
           "improve", "adopted", "adoption", "used by", "rated", "agree", "agrees", "approved", "approves",
           "satisfaction", "nps", "retention", "conversion", "revenue", "signups", "sign-ups", "users"),
    "ru": ("чтобы", "так что", "в результате", "достичь", "достигнуть", "достигнув", "не менее", "не ниже",
           "как минимум", "увеличив", "увеличить", "сократив", "сократить", "снизив", "снизить", "повысив",
           "повысить", "вырастить", "согласится", "одобрит", "одобрено", "удовлетворённость", "удовлетворенность",
           "конверсия", "выручка", "пользовател*", "клиент*"),
    "zh": ("使", "从而", "以便", "达到", "提升", "提高", "降低", "减少", "增长", "至少", "不低于", "实现",
           "同意", "批准", "满意度", "转化率", "留存", "收入", "用户"),
}


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:-[^\W_]+)*", text.casefold())


def _chinese(phrase: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", phrase) is not None


class WordList:
    """A word list to search texts with: whole words (or runs of words) in Latin or Cyrillic text, anywhere in
    Chinese (written without spaces); an entry ending in ``*`` is a stem (``пользовател*`` matches every case
    ending). Words are looked up in a set, so a long list costs no more than a short one."""

    def __init__(self, phrases) -> None:
        phrases = list(phrases)
        self.words = frozenset(p for p in phrases if not _chinese(p) and not p.endswith("*"))
        self.longest = max((len(p.split()) for p in self.words), default=1)
        self.stems = tuple(p[:-1] for p in phrases if p.endswith("*"))
        chinese = sorted((p for p in phrases if _chinese(p)), key=len, reverse=True)
        self.chinese = re.compile("|".join(map(re.escape, chinese))) if chinese else None

    def search(self, text: str) -> str | None:
        tokens = _words(text)
        for i, token in enumerate(tokens):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                run = " ".join(tokens[i:i + n])
                if run in self.words:
                    return run
            if self.stems and token.startswith(self.stems):
                return token
        match = self.chinese.search(text) if self.chinese else None
        return match.group(0) if match else None


FIGURE_LIST = WordList(word for words in FIGURE_WORDS.values() for word in words)
OUTCOME_LIST = WordList(word for words in OUTCOME_WORDS.values() for word in words)
TASK_OPENINGS = frozenset((*TASK_WORDS["en"], *TASK_WORDS["ru"]))
ZH_TASK_OPENINGS = tuple(sorted(TASK_WORDS["zh"], key=len, reverse=True))
# A Chinese key result may open with when: 9月前, Q3内, 在2027年底前, 本季度.
ZH_TIME_PREFIX = re.compile(
    r"^(?:在|于)?\s*(?:本|下)?(?:\d{4}年)?\s*(?:[qQ][1-4]|[\d一二三四五六七八九十]+\s*(?:月|周|天|个月)|季度)?"
    r"\s*(?:底|末|初|前|内|中|之前)?\s*[，,、]?\s*"
)


def figure_in(text: str) -> str | None:
    """The first figure or amount of money in ``text`` (digits, numerals, magnitudes, currencies), or None."""
    stripped = TIME_RE.sub(" ", text)
    for symbol in CURRENCY_SYMBOLS:
        if symbol in stripped:
            return symbol
    match = NUMBER_RE.search(stripped) or ZH_NUMBER_RE.search(stripped)
    if match:
        return match.group(0).strip()
    return FIGURE_LIST.search(_normal(stripped))


def task_word_in(text: str) -> str | None:
    """The task verb a key result opens with (in Chinese, after a phrase saying when), or None."""
    lowered = _normal(text)
    words = _words(lowered)
    if words:
        for opening in (" ".join(words[:2]), words[0]):
            if opening in TASK_OPENINGS:
                return opening
    rest = ZH_TIME_PREFIX.sub("", lowered, count=1)
    return next((verb for verb in ZH_TASK_OPENINGS if rest.startswith(verb)), None)


def outcome_word_in(text: str) -> str | None:
    return OUTCOME_LIST.search(_normal(text))


def same_wording(a: str, b: str) -> bool:
    """Equal once case, spacing and punctuation are set aside."""
    return _words(a) == _words(b) and bool(_words(a))
