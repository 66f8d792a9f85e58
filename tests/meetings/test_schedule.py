"""Occurrences: the right days for each kind, generated once, the presenter rotating through the unit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import Meeting, Series
from meetings.schedule import occurrence_dates, quarter_before
from meetings.services import occurrences_generate
from people.models import Person
from people.services import person_lineages_rebuild

from .conftest import series

pytestmark = pytest.mark.django_db


def make(kind, **fields):
    defaults = {"weekday": 0, "time": dt.time(10), "starts_on": dt.date(2026, 1, 1), "interval_weeks": 1}
    return Series(kind=kind, **{**defaults, **fields})


def test_a_weekly_sync_meets_on_its_weekday_every_interval_weeks():
    days = list(occurrence_dates(make(Series.Kind.WEEKLY_SYNC, weekday=2, interval_weeks=2),
                                 dt.date(2026, 1, 1), dt.date(2026, 2, 10)))
    assert days == [(0, dt.date(2026, 1, 7)), (1, dt.date(2026, 1, 21)), (2, dt.date(2026, 2, 4))]


def test_the_index_of_a_day_does_not_depend_on_where_generation_starts():
    s = make(Series.Kind.ONE_ON_ONE, weekday=1, interval_weeks=2)
    late = list(occurrence_dates(s, dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    early = dict((d, i) for i, d in occurrence_dates(s, dt.date(2026, 1, 1), dt.date(2026, 3, 31)))
    assert late and all(early[d] == i for i, d in late)


def test_the_monthly_review_meets_on_the_months_last_weekday():
    days = [d for _, d in occurrence_dates(make(Series.Kind.MONTHLY_REVIEW, weekday=4),
                                           dt.date(2026, 1, 1), dt.date(2026, 3, 31))]
    assert days == [dt.date(2026, 1, 30), dt.date(2026, 2, 27), dt.date(2026, 3, 27)]


def test_the_retrospective_meets_on_the_first_weekday_after_each_quarter():
    days = [d for _, d in occurrence_dates(make(Series.Kind.QUARTERLY_RETRO, weekday=0),
                                           dt.date(2026, 1, 1), dt.date(2026, 12, 31))]
    assert days == [dt.date(2026, 1, 5), dt.date(2026, 4, 6), dt.date(2026, 7, 6), dt.date(2026, 10, 5)]
    assert quarter_before(dt.date(2026, 4, 6)) == dt.date(2026, 3, 31)


def test_generating_twice_adds_nothing_the_second_time(org):
    series(Series.Kind.WEEKLY_SYNC, unit=org.platform)
    series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee, interval_weeks=2)

    first = occurrences_generate(until=timezone.localdate() + dt.timedelta(days=28))
    again = occurrences_generate(until=timezone.localdate() + dt.timedelta(days=28))

    assert first >= 6 and again == 0
    assert Meeting.objects.count() == first


def test_the_monthly_presenter_rotates_through_the_unit_not_always_the_lead(org):
    s = series(Series.Kind.MONTHLY_REVIEW, unit=org.platform, starts_on=timezone.localdate() - dt.timedelta(days=400))
    occurrences_generate(since=s.starts_on, until=s.starts_on + dt.timedelta(days=200))

    presenters = list(Meeting.objects.filter(series=s).order_by("index").values_list("presenter_id", flat=True))

    members = [org.employee.pk, org.manager.pk, org.peer.pk]  # active members by name: Emil, Mia, Pia
    assert presenters[:6] == [members[i % 3] for i in range(6)]
    assert org.inactive.pk not in presenters


def test_a_one_on_one_stops_when_the_report_moves_to_another_manager(org):
    s = series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee)
    Person.objects.filter(pk=org.employee.pk).update(manager=org.skip)
    person_lineages_rebuild()

    assert occurrences_generate() == 0
    s.refresh_from_db()
    assert not s.active
