"""Meetings test helpers: a unit's OKRs with check-ins recorded through the goals services, and series."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import Meeting, Series
from meetings.services import occurrences_generate
from okrs.models import CheckIn, KeyResult, Objective, Period
from okrs.services import check_in_create


@pytest.fixture
def quarter(db) -> Period:
    today = timezone.localdate()
    return Period.objects.get(code=f"{today.year}-Q{(today.month - 1) // 3 + 1}")


def objective(unit, owner, period, title: str, *, level: str = "team", krs: int = 2, state: str = "active",
              private: bool = False) -> Objective:
    """An objective with ``krs`` key results 0 → 10, written as rows (the goals services test themselves)."""
    obj = Objective.objects.create(title=title, level=level, unit=unit if level != "personal" else None, owner=owner,
                                   period=period, state=state, private=private)
    KeyResult.objects.bulk_create(KeyResult(objective=obj, title=f"{title} KR{i}", start=0, target=10, owner=owner,
                                            position=i) for i in range(krs))
    return obj


def check_in(kr: KeyResult, by, value, confidence: int, *, ago: dt.timedelta, note: str = "") -> CheckIn:
    """A check-in through ``okrs.services.check_in_create``, then dated ``ago`` before now."""
    made = check_in_create(key_result=kr, by=by.user, value=value, confidence=confidence, note=note)
    CheckIn.objects.filter(pk=made.pk).update(created_at=timezone.now() - ago)
    made.refresh_from_db()
    return made


def series(kind: str, *, unit=None, manager=None, report=None, starts_on=None, **fields) -> Series:
    today = timezone.localdate()
    return Series.objects.create(kind=kind, unit=unit, manager=manager, report=report, weekday=today.weekday() % 5,
                                 time=dt.time(10, 0), starts_on=starts_on or today - dt.timedelta(days=70), **fields)


def meeting_at(s: Series, when: dt.datetime, index: int) -> Meeting:
    return Meeting.objects.create(series=s, index=index, scheduled_at=when, duration_minutes=30)


@pytest.fixture
def generate():
    return occurrences_generate
