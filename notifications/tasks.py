"""Background work of notifications (django-tasks): sending, and the daily reminder run."""

from __future__ import annotations

import datetime

from django_tasks import task

from . import services


@task()
def send_notifications(ids: list[int]) -> int:
    return services.send(ids)


@task()
def send_reminders(day: str | None = None) -> int:
    """The reminders due on ``day`` (ISO date; today by default)."""
    return services.send_reminders(datetime.date.fromisoformat(day) if day else None)
