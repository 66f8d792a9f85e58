"""The calendar invite of one meeting (``common.ics``, as the results conversation's)."""

from __future__ import annotations

from common.ics import Attendee, invite_ics

from .models import Meeting
from .selectors import attendees


def meeting_title(meeting: Meeting) -> str:
    series = meeting.series
    if series.is_one_on_one:
        return f"{series.get_kind_display()}: {series.manager.full_name} / {series.report.full_name}"
    return f"{series.get_kind_display()}: {series.unit.name}"


def meeting_ics(meeting: Meeting, *, url: str = "") -> bytes:
    """One VEVENT with a stable UID, so an updated invite replaces the first one in the calendar."""
    series = meeting.series
    organizer = series.manager if series.is_one_on_one else series.unit.lead
    return invite_ics(
        uid=f"meeting-{meeting.pk}@perfcycle", product="meetings", start=meeting.scheduled_at,
        minutes=meeting.duration_minutes, summary=meeting_title(meeting), url=url,
        organizer=Attendee(organizer.user.email, organizer.full_name, role="") if organizer is not None else None,
        attendees=[Attendee(person.user.email, person.full_name) for person in attendees(series)],
    )
