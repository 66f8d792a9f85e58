"""When a series meets: the occurrence dates between two days, each with its index in the series.

Pure date arithmetic, no queries. The index counts occurrences from the series' ``starts_on`` (weeks for the
weekly kinds, months, quarters), so the same day always gets the same index: generating twice is harmless
and the presenter rotation does not shift when an earlier meeting is removed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from .models import Series


def _last_weekday_of_month(year: int, month: int, weekday: int) -> dt.date:
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _first_weekday_of_month(year: int, month: int, weekday: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)


def _months(start: dt.date) -> Iterator[tuple[int, int, int]]:
    """(index, year, month) from ``start``'s month on."""
    index, year, month = 0, start.year, start.month
    while True:
        yield index, year, month
        index += 1
        month += 1
        if month > 12:
            year, month = year + 1, 1


def occurrence_dates(series: Series, since: dt.date, until: dt.date) -> Iterator[tuple[int, dt.date]]:
    """(index, day) of each meeting of ``series`` on a day in [since, until], never before ``starts_on``."""
    start = series.starts_on
    since = max(since, start)
    if series.kind in (Series.Kind.WEEKLY_SYNC, Series.Kind.ONE_ON_ONE):
        first = start + dt.timedelta(days=(series.weekday - start.weekday()) % 7)
        step = 7 * max(series.interval_weeks, 1)
        index = max(0, -(-(since - first).days // step))
        day = first + dt.timedelta(days=index * step)
        while day <= until:
            yield index, day
            index += 1
            day += dt.timedelta(days=step)
        return
    if series.kind == Series.Kind.MONTHLY_REVIEW:
        for index, year, month in _months(start):
            day = _last_weekday_of_month(year, month, series.weekday)
            if day > until:
                return
            if day >= since:
                yield index, day
        return
    # Quarterly retrospective: the first such weekday of the quarter after the one it looks back on.
    months = _months(start)
    index = 0
    for _i, year, month in months:
        if month % 3 != 1:
            continue
        day = _first_weekday_of_month(year, month, series.weekday)
        if day > until:
            return
        if day >= since:
            yield index, day
        index += 1


def at(series: Series, day: dt.date) -> dt.datetime:
    """The meeting's start on ``day`` in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, series.time))


def quarter_before(day: dt.date) -> dt.date:
    """The last day of the quarter before the one containing ``day`` (what a retrospective looks back on)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    return dt.date(day.year, first_month, 1) - dt.timedelta(days=1)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)
