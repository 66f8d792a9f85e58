"""The one calendar-invite builder: one VEVENT per invite, with a stable UID so an updated invite replaces
the first one in the reader's calendar (icalendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    role: str = "REQ-PARTICIPANT"


def invite_ics(*, uid: str, product: str, start: dt.datetime, minutes: int, summary: str, url: str = "",
               organizer: Attendee | None = None, attendees: Iterable[Attendee] = (),
               sequence: int | None = None) -> bytes:
    """``uid`` names the event for good (e.g. ``meeting-12@perfcycle``); ``product`` goes into PRODID."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Perfcycle//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=minutes))
    if sequence is not None:
        event.add("sequence", sequence)
    event.add("summary", summary)
    if url:
        event.add("url", url)
        event.add("description", url)
    if organizer is not None and organizer.email:
        event.add("organizer", _address(organizer), encode=0)
    for person in attendees:
        if person.email:
            event.add("attendee", _address(person), encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def _address(person: Attendee) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = vText(person.name)
    if person.role:
        address.params["role"] = vText(person.role)
    return address
