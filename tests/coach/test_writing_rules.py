"""Each writing rule on the examples of writing_cases.py: in English, Russian and Chinese, at least ten texts it fires
on (highlighting the words named) and as many near misses it leaves alone. The engine reads no database."""

from __future__ import annotations

import pytest

from coach.writing import RULES, check

from .writing_cases import CASES


def _cases(kind: str):
    for rule, languages in CASES.items():
        for language, sets in languages.items():
            for number, case in enumerate(sets[kind], start=1):
                yield pytest.param(rule, language, case, id=f"{rule}-{language}-{number}")


def _ask(rule: str, case) -> tuple[str, dict]:
    if rule != "mismatch":
        return (case[0] if isinstance(case, tuple) else case), {}
    text, rating, *scale = case
    return text, {"rating": rating, "scale": scale[0] if scale else None}


def test_every_rule_has_at_least_ten_examples_each_way_in_each_language():
    assert set(CASES) == set(RULES)
    for rule, languages in CASES.items():
        assert set(languages) == {"en", "ru", "zh-hans"}, rule
        for language, sets in languages.items():
            assert len(sets["fires"]) >= 10 and len(sets["quiet"]) >= 10, (rule, language)


@pytest.mark.parametrize(("rule", "language", "case"), list(_cases("fires")))
def test_the_rule_fires_and_highlights_the_words(rule, language, case):
    text, ask = _ask(rule, case)
    found = [f for f in check(text, language=language, **ask) if f.rule == rule]
    assert found, f"{rule} is quiet on {text!r}"
    first = found[0]
    assert 0 <= first.start < first.end <= len(text)
    if rule != "mismatch":
        assert text[first.start:first.end] == case[1]
    assert first.message


@pytest.mark.parametrize(("rule", "language", "case"), list(_cases("quiet")))
def test_the_rule_stays_quiet(rule, language, case):
    text, ask = _ask(rule, case)
    found = [(f.rule, text[f.start:f.end]) for f in check(text, language=language, **ask) if f.rule == rule]
    assert not found, f"{rule} fires on {text!r}: {found}"


@pytest.mark.parametrize(("rule", "language", "case"), list(_cases("fires")))
def test_the_language_is_detected_when_not_given(rule, language, case):
    text, ask = _ask(rule, case)
    assert [f.rule for f in check(text, **ask)] == [f.rule for f in check(text, language=language, **ask)]
