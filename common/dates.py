"""How every page writes a date: ``{% load dates %}``, then ``{{ value|day }}`` or ``{{ value|moment }}``.

One place decides, so one screen never mixes "2026-12-03", "12/03/2026" and "Dec. 3, 2026": a calendar day is
the language's ``DATE_FORMAT`` ("Dec. 3, 2026", «3 декабря 2026 г.», "2026年12月3日"), a point in time its
``DATETIME_FORMAT`` in the current time zone. Deadlines are stored as ISO strings (a cycle's JSON), so both
filters read those too. Short numeric dates are left to chart axes, where there is no room for words.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

register = template.Library()


def _parse(value):
    if isinstance(value, str):
        return parse_datetime(value) or parse_date(value)
    return value


@register.filter
def day(value) -> str:
    """A calendar day in the language's own words; a datetime counts as its day in the current time zone."""
    value = _parse(value)
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return ""
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def moment(value, arg: str = "") -> str:
    """A point in time in the current time zone; ``moment:"weekday"`` names the day of the week first (meetings)."""
    value = _parse(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        text = formats.date_format(value, "DATETIME_FORMAT")
    elif isinstance(value, datetime.date):
        text = formats.date_format(value, "DATE_FORMAT")
    else:
        return ""
    if arg == "weekday":
        # Translators: a meeting's time with its day of the week first, e.g. "Thursday, Dec. 3, 2026, 2 p.m.".
        return _("%(weekday)s, %(moment)s") % {"weekday": formats.date_format(value, "l"), "moment": text}
    return text
