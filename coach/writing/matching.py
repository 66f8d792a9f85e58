"""Finding a lexicon's entries in a text: each hit is a span ``[start, end)`` of the text as written.

Latin and Cyrillic entries of every list go into one index keyed by their first word (stems by their first three
letters), so a text's words are walked once for all lists together, whatever the length of the lists; Chinese
entries and the lexicon's regular expressions are searched with one compiled pattern per list. Texts are read with
ё as е and a typographic apostrophe as ', one character for one, so every span holds in the original.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from functools import cached_property
from typing import NamedTuple

NORMAL = str.maketrans({"ё": "е", "Ё": "Е", "’": "'", "ʼ": "'"})
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A sentence ends at . ! ? … followed by a space, at Chinese full stops, at semicolons and at line breaks.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|[。！？；;\n]+")
STEM_KEY = 3

Words = tuple[tuple[str, bool], ...]  # (word, is a stem) pairs


class Hit(NamedTuple):
    start: int
    end: int


def _words(entry: str) -> Words:
    """An entry as (word, is a stem) pairs: hyphens and other marks between letters separate words."""
    words: list[tuple[str, bool]] = []
    for part in entry.lower().translate(NORMAL).split():
        words.extend((w, False) for w in TOKEN.findall(part.rstrip("*")))
        if part.endswith("*") and words:
            words[-1] = (words[-1][0], True)
    return tuple(words)


class Doc:
    """A text read once: its normal form, its words and its sentences, for every rule to share."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.normal = text.translate(NORMAL)

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in TOKEN.finditer(self.normal)]

    @cached_property
    def words(self) -> list[str]:
        lowered = self.normal.lower()
        if len(lowered) != len(self.normal):  # a letter that lowers to two (İ): lower each word alone
            return [self.normal[a:b].lower() for a, b in self.spans]
        return [lowered[a:b] for a, b in self.spans]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [0, *(m.end() for m in SENTENCE_END.finditer(self.normal))]

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def before(self, hit: Hit, limit: int = 80) -> str:
        """The text of the hit's sentence before it (at most ``limit`` characters)."""
        start = self.sentence_starts[self.sentence_of(hit.start)]
        return self.normal[max(start, hit.start - limit):hit.start]

    def after(self, hit: Hit, limit: int = 40) -> str:
        return self.normal[hit.end:hit.end + limit]

    def word_count(self) -> int:
        """Words, with each Chinese character counted as one (Chinese runs its words together)."""
        han = len(HAN.findall(self.normal))
        if not han:
            return len(self.spans)
        return han + sum(1 for word in self.words if not HAN.search(word))

    def trimmed(self) -> Hit:
        """The span of the text without its surrounding spaces."""
        start = len(self.text) - len(self.text.lstrip())
        return Hit(start, len(self.text.rstrip()))


class Index:
    """Named lists of entries (words, phrases, stems, Chinese words, regular expressions) to find in texts.

    ``find(doc)`` answers, per list, its hits: the longest where two start together, none overlapping another."""

    def __init__(self, lists: dict[str, tuple]) -> None:
        self.names = tuple(lists)
        self.exact: dict[str, list[tuple[str, Words]]] = defaultdict(list)
        self.stems: dict[str, list[tuple[str, Words]]] = defaultdict(list)
        self.regexes: list[tuple[str, re.Pattern]] = []
        for name, entries in lists.items():
            chinese, patterns = [], []
            for entry in entries:
                if isinstance(entry, re.Pattern):
                    patterns.append(entry.pattern)
                elif HAN.search(entry):
                    chinese.append(entry.translate(NORMAL))
                elif words := _words(entry):
                    (self.stems[words[0][0][:STEM_KEY]] if words[0][1] else self.exact[words[0][0]]).append(
                        (name, words))
            chinese.sort(key=len, reverse=True)
            if chinese:
                self.regexes.append((name, re.compile("|".join(map(re.escape, chinese)), re.IGNORECASE)))
            if patterns:
                self.regexes.append((name, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)))
        self.exact, self.stems = dict(self.exact), dict(self.stems)

    @staticmethod
    def _length_at(words: Words, doc_words: list[str], i: int) -> int:
        if i + len(words) > len(doc_words):
            return 0
        for k, (word, stem) in enumerate(words):
            token = doc_words[i + k]
            if not (token.startswith(word) if stem else token == word):
                return 0
        return len(words)

    def find(self, doc: Doc) -> dict[str, list[Hit]]:
        found: dict[str, list[Hit]] = {name: [] for name in self.names}
        words, spans, exact, stems = doc.words, doc.spans, self.exact, self.stems
        for i, word in enumerate(words):
            here, stemmed = exact.get(word), stems.get(word[:STEM_KEY])
            if here is None and stemmed is None:
                continue  # most words: no entry starts here
            longest: dict[str, int] = {}
            for name, entry in (*(here or ()), *(stemmed or ())):
                n = self._length_at(entry, words, i)
                if n > longest.get(name, 0):
                    longest[name] = n
            for name, n in longest.items():
                found[name].append(Hit(spans[i][0], spans[i + n - 1][1]))
        for name, regex in self.regexes:
            found[name].extend(Hit(m.start(), m.end()) for m in regex.finditer(doc.normal) if m.end() > m.start())
        return {name: without_overlaps(hits) for name, hits in found.items()}


def without_overlaps(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    hits.sort(key=lambda h: (h.start, -h.end))
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept
