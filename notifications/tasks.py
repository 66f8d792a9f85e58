"""Background work of notifications (django-tasks): sending, chat delivery with retries, the reminder run."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from . import chat, services


@task()
def send_notifications(ids: list[int]) -> int:
    return services.send(ids)


@task()
def deliver_chat(ids: list[int]) -> int:
    """Post to Slack/Teams; what may succeed later is queued again after a growing pause."""
    delivered, retry, attempts = chat.deliver(ids)
    if retry:
        again = deliver_chat
        if again.get_backend().supports_defer:
            again = again.using(run_after=timezone.now() + datetime.timedelta(seconds=chat.backoff(attempts)))
        # A backend that cannot defer (the immediate one of the tests) retries at once: still bounded.
        again.enqueue(retry)
    return delivered


@task()
def send_reminders(day: str | None = None) -> int:
    """The reminders due on ``day`` (ISO date; today by default)."""
    return services.send_reminders(datetime.date.fromisoformat(day) if day else None)
