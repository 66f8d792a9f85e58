"""The dates filters (common/dates.py): one format per language for a day and for a point in time."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load dates %}" + source).render(Context(context))


DAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(("language", "expected"), [("en", "Dec. 3, 2026"), ("ru", "3 декабря 2026 г."),
                                                    ("zh-hans", "2026年12月3日")])
def test_a_day_is_written_in_the_languages_own_words(language, expected):
    assert render("{{ d|day }}", language, d=DAY) == expected


def test_a_deadline_stored_as_iso_text_reads_like_any_other_day():
    assert render("{{ d|day }}", "en", d="2026-12-03") == "Dec. 3, 2026"


def test_a_moment_is_shown_in_the_current_time_zone():
    at = datetime.datetime(2026, 12, 3, 23, 30, tzinfo=datetime.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Moscow")):
        assert render("{{ at|moment }}", "ru", at=at) == "4 декабря 2026 г. 2:30"
        assert render("{{ at|day }}", "ru", at=at) == "4 декабря 2026 г."


def test_a_meeting_names_its_weekday_first():
    at = datetime.datetime(2026, 12, 3, 14, 0, tzinfo=datetime.UTC)
    with timezone.override(datetime.UTC):
        assert render('{{ at|moment:"weekday" }}', "en", at=at) == "Thursday, Dec. 3, 2026, 2 p.m."


@pytest.mark.parametrize("value", [None, "", "not a date", 42])
def test_anything_else_is_left_empty(value):
    assert render("{{ v|day }}|{{ v|moment }}", "en", v=value) == "|"
