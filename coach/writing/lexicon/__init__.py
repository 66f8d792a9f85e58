"""The writing coach's word lists and patterns, one module per language, as data.

Each language fills a ``Lexicon``: plain entries are words or phrases (a space matches any run of spaces, a
trailing ``*`` is a stem that takes any ending, a ``-`` also matches a space or nothing); an entry may also be a
regular expression (``re.compile``) where a list cannot say it. Latin and Cyrillic entries match whole words,
Chinese ones anywhere (Chinese is written without spaces). ``matching.py`` compiles them once per process.

Words ``…_of_person`` count only when the text says them about a person — after a lead such as "she is",
"он слишком", "她很" (``person_lead``) or before a noun such as "person", "человек", "的人"
(``person_after``) — because they also describe things: an *aggressive* deadline, *эмоциональный* интеллект,
*强势*市场.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    code: str
    # too_short: fewer words than this (Chinese: characters, counted without spaces and punctuation).
    min_words: int
    absolute: tuple = ()
    personality: tuple = ()
    personality_of_person: tuple = ()
    gendered: tuple = ()
    gendered_of_person: tuple = ()
    # Generic praise or criticism: a sentence with one is vague unless it or a neighbour carries evidence.
    vague: tuple = ()
    # What makes a sentence specific: figures, examples, occasions, dates, actions taken.
    evidence: tuple = ()
    # The tone of the whole text, for ``mismatch``; ``neutral`` entries shadow tone words inside them (出差).
    positive: tuple = ()
    negative: tuple = ()
    neutral: tuple = ()
    # Regular expressions: a negation just before a tone word turns it round; the leads and nouns that make a
    # word one said of a person. ``person_lead`` and ``negator`` are searched at the end of the text before the
    # word (same sentence), ``person_after`` at the start of the text after it.
    negator: str = ""
    person_lead: str = ""
    person_after: str = ""


def lexicons() -> dict[str, Lexicon]:
    from . import en, ru, zh

    return {"en": en.LEXICON, "ru": ru.LEXICON, "zh-hans": zh.LEXICON}
