"""Where apps hand in their reminder sources: the reminder run asks each for what is due on a day."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from .services import Message

ReminderSource = Callable[[datetime.date], Iterable[Message]]
_sources: list[ReminderSource] = []


def reminder_source(func: ReminderSource) -> ReminderSource:
    """Register ``func(today) -> messages``: the reminders due on ``today``."""
    if func not in _sources:
        _sources.append(func)
    return func


def reminder_sources() -> list[ReminderSource]:
    return list(_sources)
