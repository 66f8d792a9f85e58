"""The calendar invite of one meeting (icalendar, as the results conversation's)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

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
    calendar = Calendar()
    calendar.add("prodid", "-//Perfcycle//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@perfcycle")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.scheduled_at)
    event.add("dtend", meeting.scheduled_at + dt.timedelta(minutes=meeting.duration_minutes))
    event.add("summary", meeting_title(meeting))
    if url:
        event.add("url", url)
        event.add("description", url)
    organizer = series.manager if series.is_one_on_one else series.unit.lead
    if organizer is not None:
        address = vCalAddress(f"mailto:{organizer.user.email}")
        address.params["cn"] = vText(organizer.full_name)
        event.add("organizer", address, encode=0)
    for person in attendees(series):
        address = vCalAddress(f"mailto:{person.user.email}")
        address.params["cn"] = vText(person.full_name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", address, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
