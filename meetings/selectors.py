"""Reads of meetings, always scoped to the user asking (the policy is ``meetings.rules``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from common.access import fetch
from people.models import Person
from people.roles import roles_of

from .models import ActionItem, Meeting, Note, Series, TalkingPoint
from .rules import series_visibility_q

SERIES_RELATED = ("unit__lead", "manager__user", "report__user")


def series_visible_to(user) -> QuerySet[Series]:
    return Series.objects.filter(series_visibility_q(user)).select_related(*SERIES_RELATED)


def meetings_visible_to(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(series_visibility_q(user, prefix="series__")).select_related(
        *(f"series__{name}" for name in SERIES_RELATED), "presenter")


def talking_points_visible_to(user) -> QuerySet[TalkingPoint]:
    return TalkingPoint.objects.filter(series_visibility_q(user, prefix="series__")).select_related(
        "author", "series", "meeting", "closed_in")


def action_items_visible_to(user) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(series_visibility_q(user, prefix="series__")).select_related(
        "owner", "series__unit__lead", "meeting")


def notes_visible_to(user) -> QuerySet[Note]:
    return Note.objects.filter(series_visibility_q(user, prefix="meeting__series__")).select_related(
        "author", "meeting__series__unit__lead")


def series_detail(user, pk: Any) -> Series:
    return fetch(series_visible_to(user), pk)


def meeting_detail(user, pk: Any) -> Meeting:
    """The meeting with its series loaded (404 when ``user`` may not see it)."""
    return fetch(meetings_visible_to(user), pk)


def talking_point_detail(user, pk: Any) -> TalkingPoint:
    return fetch(talking_points_visible_to(user), pk)


def action_item_detail(user, pk: Any) -> ActionItem:
    return fetch(action_items_visible_to(user), pk)


def note_detail(user, pk: Any) -> Note:
    return fetch(notes_visible_to(user), pk)


def my_series_q(user) -> Q:
    """Series the user takes part in (not merely may read): their one-on-ones and their units' meetings."""
    from .rules import attended_unit_ids

    me = roles_of(user).person
    if me is None:
        return Q(pk__in=[])
    return Q(manager_id=me.pk) | Q(report_id=me.pk) | Q(unit_id__in=attended_unit_ids(user))


def upcoming_meetings(user, *, days: int = 21, limit: int = 50) -> list[Meeting]:
    """The user's own meetings from the start of today over the next ``days`` days, soonest first."""
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    series = Series.objects.filter(my_series_q(user), active=True).values("pk")
    return list(
        meetings_visible_to(user).filter(series_id__in=series, scheduled_at__gte=start,
                                         scheduled_at__lt=start + dt.timedelta(days=days))
        .order_by("scheduled_at", "pk")[:limit]
    )


def my_series(user) -> list[Series]:
    return list(series_visible_to(user).filter(my_series_q(user)).order_by("kind", "pk"))


def reports_without_one_on_one(user) -> list[Person]:
    """The user's active direct reports who have no one-on-one series with them yet."""
    me = roles_of(user).person
    if me is None:
        return []
    taken = Series.objects.filter(manager_id=me.pk).values("report_id")
    return list(Person.objects.filter(manager_id=me.pk, state=Person.State.ACTIVE).exclude(pk__in=taken)
                .order_by("full_name", "pk"))


def series_meetings(series: Series, *, around: dt.datetime, before: int = 3, after: int = 3) -> list[Meeting]:
    """A few occurrences either side of ``around`` (the series' timeline on a meeting page), two queries."""
    earlier = list(series.meetings.filter(scheduled_at__lt=around).order_by("-scheduled_at")[:before])
    later = list(series.meetings.filter(scheduled_at__gte=around).order_by("scheduled_at")[:after + 1])
    return list(reversed(earlier)) + later


def attendees(series: Series) -> QuerySet[Person]:
    """Who is invited: the two people of a one-on-one; a unit's active members, its lead and the leads of the
    units right below it."""
    active = Person.objects.filter(state=Person.State.ACTIVE).select_related("user")
    if series.is_one_on_one:
        return active.filter(pk__in=[series.manager_id, series.report_id])
    unit = series.unit_id
    return active.filter(Q(unit_id=unit) | Q(led_units=unit) | Q(led_units__parent_id=unit)).distinct().order_by(
        "full_name", "pk")
