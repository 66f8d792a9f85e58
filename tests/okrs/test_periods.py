"""Periods: the quarters and halves of this year and the next exist after migrate, and are topped up."""

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone

from okrs.models import Period
from okrs.services import periods_ensure
from okrs.signals import ensure_periods_after_migrate

pytestmark = pytest.mark.django_db


def test_this_and_next_years_quarters_and_halves_exist_after_migrate():
    year = timezone.localdate().year
    codes = set(Period.objects.values_list("code", flat=True))
    for y in (year, year + 1):
        assert {f"{y}-Q1", f"{y}-Q2", f"{y}-Q3", f"{y}-Q4", f"{y}-H1", f"{y}-H2"} <= codes


def test_a_quarter_and_a_half_have_the_right_dates():
    periods_ensure(2031)
    q4 = Period.objects.get(code="2031-Q4")
    h1 = Period.objects.get(code="2031-H1")
    assert (q4.kind, q4.start, q4.end) == ("quarter", dt.date(2031, 10, 1), dt.date(2031, 12, 31))
    assert (h1.kind, h1.start, h1.end) == ("half", dt.date(2031, 1, 1), dt.date(2031, 6, 30))
    assert h1.contains(Period.objects.get(code="2031-Q2"))
    assert not h1.contains(Period.objects.get(code="2031-Q3"))


def test_ensuring_a_year_twice_creates_nothing_the_second_time():
    assert periods_ensure(2040) == 6
    assert periods_ensure(2040) == 0
    assert Period.objects.filter(code__startswith="2040-").count() == 6


def test_the_post_migrate_handler_tops_up_next_year_as_time_goes_on(monkeypatch):
    future = dt.date(timezone.localdate().year + 5, 3, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: future)
    ensure_periods_after_migrate(apps.get_app_config("okrs"), apps=apps)
    assert Period.objects.filter(code__in=[f"{future.year}-Q1", f"{future.year + 1}-H2"]).count() == 2


def test_every_member_lists_periods_and_an_anonymous_caller_is_refused(org, api):
    response = api(org.employee).get("/api/periods/?page_size=100")
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert set(first) == {"id", "code", "kind", "start", "end"}
    assert api().get("/api/periods/").status_code == 401
