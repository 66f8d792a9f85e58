"""The writing coach's rules: pure functions over one text, in the language its lexicon speaks.

``check`` reads a free-text answer (a self-review, a respondent's answer, a manager review, conversation notes)
and answers the spans a careful reviewer would rewrite, each with the rule and a one-line message in the
reader's language. Nothing here reads the database or blocks anything: the findings are advice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .detect import detect_language
from .lexicon import Lexicon, lexicons
from .matching import Doc, Hit, Index, without_overlaps

# The respondent scale (1 far below … 5 far above expectations) when the caller names none; 0 is its "can't judge".
DEFAULT_SCALE = (1, 2, 3, 4, 5)
CANT_JUDGE = 0
# A rating in the bottom or top part of its scale, by position: below 0.4 is low, above 0.6 high (on five levels
# 1–2 and 4–5, on six 1–2 and 5–6, on three the ends).
LOW, HIGH = 0.4, 0.6
# "Clearly" positive or negative: at least two words of that tone, and three times as many as of the other.
TONE_WORDS, TONE_RATIO = 2, 3

RULE_LABELS = {
    "vague": gettext_lazy("Vague"),
    "personality": gettext_lazy("About the person"),
    "gendered": gettext_lazy("Gendered wording"),
    "absolute": gettext_lazy("Absolute"),
    "mismatch": gettext_lazy("Text and rating disagree"),
    "too_short": gettext_lazy("Too short"),
}
RULES = tuple(RULE_LABELS)
# What HR's figure calls specific: a comment with neither of these.
SPECIFICITY_RULES = ("vague", "too_short")


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int
    end: int
    message: str

    @property
    def label(self) -> str:
        return str(RULE_LABELS[self.rule])

    def as_contract(self) -> dict:
        return {"rule": self.rule, "message": self.message, "start": self.start, "end": self.end}


LISTS = ("absolute", "personality", "personality_of_person", "gendered", "gendered_of_person", "vague", "evidence",
         "positive", "negative", "neutral")


class Compiled:
    """A lexicon's lists and patterns, compiled once per process."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.index = Index({name: getattr(lexicon, name) for name in LISTS})
        # HR's figure checks thousands of comments for specificity only: a smaller index, walked faster.
        self.specificity_index = Index({name: getattr(lexicon, name) for name in ("vague", "evidence")})
        self.negator = re.compile(lexicon.negator, re.IGNORECASE) if lexicon.negator else None
        self.person_lead = re.compile(lexicon.person_lead, re.IGNORECASE) if lexicon.person_lead else None
        self.person_after = re.compile(lexicon.person_after, re.IGNORECASE) if lexicon.person_after else None


@cache
def compiled(language: str) -> Compiled:
    return Compiled(lexicons()[language])


class Reading:
    """One text read in one language, with the rating given with it (on its scale, lowest first): what every
    rule reads. The lists' hits are found once, on first use, for all the rules."""

    def __init__(self, text: str, lex: Compiled, rating: int | None, scale: Sequence[int],
                 rules: Sequence[str] = ()) -> None:
        self.doc, self.lex, self.rating, self.scale = Doc(text), lex, rating, tuple(scale)
        self.index = lex.specificity_index if set(rules) <= set(SPECIFICITY_RULES) else lex.index

    @cached_property
    def hits(self) -> dict[str, list[Hit]]:
        return self.index.find(self.doc)

    def about_a_person(self, hit: Hit) -> bool:
        lex = self.lex
        return bool((lex.person_lead and lex.person_lead.search(self.doc.before(hit)))
                    or (lex.person_after and lex.person_after.search(self.doc.after(hit))))


def _quoted(r: Reading, hits: Sequence[Hit]) -> str:
    return ", ".join(dict.fromkeys(r.doc.text[h.start:h.end] for h in hits))


def _each(rule: str, r: Reading, hits: Sequence[Hit], message: str) -> list[Finding]:
    """A finding per hit, its message (translated once) quoting the hit's words."""
    text = r.doc.text
    return [Finding(rule, h.start, h.end, message % {"words": text[h.start:h.end]}) for h in hits]


def vague(r: Reading) -> list[Finding]:
    """Praise or criticism in a sentence that names no behaviour or example, nor does the sentence on either side
    (which often carries the example: "Great work. In March she…")."""
    doc = r.doc
    specific = {doc.sentence_of(h.start) for h in r.hits["evidence"]}
    seen, hits = set(), []
    for hit in r.hits["vague"]:
        sentence = doc.sentence_of(hit.start)
        if sentence in seen or specific & {sentence - 1, sentence, sentence + 1}:
            continue
        seen.add(sentence)
        hits.append(hit)
    return _each("vague", r, hits, _(
        "“%(words)s” says how good or bad, not what happened: add an example — what they did, when, and what came "
        "of it."))


def _traits(r: Reading, anywhere: str) -> list[Hit]:
    said_of_person = [h for h in r.hits[f"{anywhere}_of_person"] if r.about_a_person(h)]
    return without_overlaps([*r.hits[anywhere], *said_of_person])


def personality(r: Reading) -> list[Finding]:
    """Words that judge character; where the same words are gendered, that finding says it (固执 in 固执己见)."""
    gendered = _traits(r, "gendered")
    hits = [h for h in _traits(r, "personality") if not any(h.start < g.end and g.start < h.end for g in gendered)]
    return _each("personality", r, hits, _(
        "“%(words)s” judges the person, not the work: describe what they did and its effect."))


def gendered(r: Reading) -> list[Finding]:
    return _each("gendered", r, _traits(r, "gendered"), _(
        "Studies of reviews find “%(words)s” said far more often of one gender than of the other: describe what "
        "they did instead."))


def absolute(r: Reading) -> list[Finding]:
    return _each("absolute", r, r.hits["absolute"], _(
        "“%(words)s” overstates: one counter-example undoes it. Say how often, or name the occasions."))


def tone(r: Reading) -> tuple[list[Hit], list[Hit]]:
    """The positive and the negative words of the text; a negation just before one turns it round."""
    shadows, negator = r.hits["neutral"], r.lex.negator
    sides: tuple[list[Hit], list[Hit]] = ([], [])
    for side, name in enumerate(("positive", "negative")):
        for hit in r.hits[name]:
            if any(s.start <= hit.start < s.end for s in shadows):
                continue
            negated = negator is not None and negator.search(r.doc.before(hit, limit=30)) is not None
            sides[side ^ negated].append(hit)
    return sorted(sides[0]), sorted(sides[1])


def position(rating: int, scale: Sequence[int]) -> float | None:
    """Where ``rating`` sits on its scale, 0 at the lowest level and 1 at the highest (None off the scale)."""
    if rating not in scale or len(scale) < 2:
        return None
    return list(scale).index(rating) / (len(scale) - 1)


def mismatch(r: Reading) -> list[Finding]:
    where = None if r.rating is None else position(r.rating, r.scale)
    if where is None or LOW <= where <= HIGH:
        return []
    positive, negative = tone(r)
    if where < LOW and len(positive) >= TONE_WORDS and len(positive) >= TONE_RATIO * len(negative):
        return [Finding("mismatch", positive[0].start, positive[0].end, _(
            "The text reads clearly positive (“%(words)s”) but the rating is near the bottom of the scale: say what "
            "holds the rating down, or look at the rating again.") % {"words": _quoted(r, positive[:3])})]
    if where > HIGH and len(negative) >= TONE_WORDS and len(negative) >= TONE_RATIO * len(positive):
        return [Finding("mismatch", negative[0].start, negative[0].end, _(
            "The text reads clearly negative (“%(words)s”) but the rating is near the top of the scale: say what "
            "earns the rating, or look at the rating again.") % {"words": _quoted(r, negative[:3])})]
    return []


def too_short(r: Reading) -> list[Finding]:
    count = r.doc.word_count()
    if count == 0 or count >= r.lex.lexicon.min_words:
        return []
    span = r.doc.trimmed()
    return [Finding("too_short", span.start, span.end,
                    _("Too short to say what happened and why it matters: add an example and its effect."))]


CHECKS: dict[str, Callable[[Reading], list[Finding]]] = {
    "vague": vague, "personality": personality, "gendered": gendered, "absolute": absolute, "mismatch": mismatch,
    "too_short": too_short,
}


def check(text: str, *, language: str | None = None, rating: int | None = None,
          scale: Sequence[int] | None = None, rules: Sequence[str] = RULES) -> list[Finding]:
    """The findings on ``text`` in its language (``en``, ``ru``, ``zh-hans``; detected when not given), in the
    order of the text. ``rating`` on ``scale`` (its values, lowest first, without "can't judge"; the respondent
    scale when not given) feeds ``mismatch``; ``rules`` narrows the check (HR's figure asks for two)."""
    if not text or not text.strip():
        return []
    reading = Reading(text, compiled(language or detect_language(text)), rating, scale or DEFAULT_SCALE, rules)
    findings = [f for rule in rules for f in CHECKS[rule](reading)]
    return sorted(findings, key=lambda f: (f.start, RULES.index(f.rule), f.end))


@lru_cache(maxsize=8192)
def is_specific(text: str) -> bool:
    """No ``vague`` or ``too_short`` finding: HR's figure of specific comments. Remembered per text (a submitted
    comment does not change, and the dashboard reads the same ones again), a few megabytes at most."""
    return not check(text, rules=SPECIFICITY_RULES)
