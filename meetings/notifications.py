"""Meeting reminders through the one notification path (``notifications.services``).

Each attendee gets one message per meeting: key ``reminder:meeting:<id>``, recorded on the meeting's day, so
the hourly run (``MEETING_REMINDER_HOURS`` ahead, 24 by default) and the daily reminder run (the day's
meetings, registered below) never both send it. Recipients are read for all meetings at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from notifications.registry import reminder_source
from notifications.services import Message, notify_many
from people.models import Person

from .models import Meeting

SUBJECT = gettext_noop("Meeting on %(at)s: %(name)s")


def _recipients(meetings: list[Meeting]) -> dict[int, set[int]]:
    """Unit id → its attendees (active members, its lead, the leads of the units right below): one query."""
    units = {m.series.unit_id for m in meetings if m.series.unit_id}
    by_unit: dict[int, set[int]] = defaultdict(set)
    if units:
        rows = Person.objects.filter(state=Person.State.ACTIVE).filter(
            Q(unit_id__in=units) | Q(led_units__in=units) | Q(led_units__parent_id__in=units)
        ).values_list("pk", "unit_id", "led_units", "led_units__parent_id")
        for pk, unit_id, led, led_parent in rows:
            for unit in (unit_id, led, led_parent):
                if unit in units:
                    by_unit[unit].add(pk)
    return by_unit


def messages_for(meetings: list[Meeting]) -> dict[dt.date, list[Message]]:
    """The reminders of ``meetings`` (series loaded), grouped by the meeting's day."""
    by_unit = _recipients(meetings)
    out: dict[dt.date, list[Message]] = defaultdict(list)
    for meeting in meetings:
        series = meeting.series
        local = timezone.localtime(meeting.scheduled_at)
        base = {"at": local.strftime("%Y-%m-%d %H:%M"), "kind": series.kind,
                "url": reverse("meetings:meeting", args=[meeting.pk]),
                "ics_url": reverse("api-meeting-invite", args=[meeting.pk]),
                "presenter": meeting.presenter.full_name if meeting.presenter else ""}
        if series.is_one_on_one:
            pairs = [(series.manager_id, series.report.full_name), (series.report_id, series.manager.full_name)]
        else:
            pairs = [(pk, series.unit.name) for pk in sorted(by_unit.get(series.unit_id, ()))]
        for person_id, name in pairs:
            out[local.date()].append(Message(person_id, f"reminder:meeting:{meeting.pk}", SUBJECT, "meeting",
                                             {**base, "name": name}))
    return out


def _meetings(**filters) -> list[Meeting]:
    return list(Meeting.objects.filter(series__active=True, **filters).select_related(
        "series__unit", "series__manager", "series__report", "presenter"))


def meeting_reminders(*, now: dt.datetime | None = None, hours: int | None = None) -> int:
    """Queue the reminders of the meetings starting in the next ``hours``; answers how many are new."""
    now = now or timezone.now()
    hours = hours if hours is not None else getattr(settings, "MEETING_REMINDER_HOURS", 24)
    meetings = _meetings(scheduled_at__gt=now, scheduled_at__lte=now + dt.timedelta(hours=hours))
    return sum(notify_many(messages, day=day) for day, messages in messages_for(meetings).items())


@reminder_source
def meetings_today(today: dt.date) -> Iterable[Message]:
    """For the daily run: the meetings of ``today`` (recorded on that day, like the hourly run's)."""
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    meetings = _meetings(scheduled_at__gte=start, scheduled_at__lt=start + dt.timedelta(days=1))
    return messages_for(meetings).get(today, [])
