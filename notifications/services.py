"""The one notification path: record the message (unique per person, key, day and channel), then send it
in a background task in the recipient's language.

The record comes first: a second call for the same task on the same day hits the unique key and sends
nothing, and the task claims the row before sending, so a message goes out at most once even when two
workers or two reminder runs overlap.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from people.models import Person

from .models import Notification

BATCH = 500


@dataclass(frozen=True)
class Message:
    """What to tell whom. ``subject`` is an untranslated message id (mark it with ``gettext_noop``) that
    may use ``%(name)s`` placeholders from ``context``; ``template`` names ``notifications/email/<t>.txt``."""

    person_id: int
    key: str
    subject: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def notify(*, person: Person, key: str, subject: str, template: str, context: dict[str, Any] | None = None,
           day: datetime.date | None = None) -> bool:
    """Email ``person`` about ``key`` unless they already had it today; True when it was queued."""
    return notify_many([Message(person.pk, key, subject, template, context or {})], day=day) == 1


def notify_many(messages: Iterable[Message], *, day: datetime.date | None = None) -> int:
    """Record and queue many messages at once (one INSERT, one SELECT per batch); returns how many are new."""
    day = day or timezone.localdate()
    rows = [
        Notification(person_id=m.person_id, key=m.key, day=day, template=m.template, subject=m.subject,
                     context=m.context)
        for m in messages
    ]
    queued = 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        with transaction.atomic():
            before = timezone.now()
            # Rows already there (the same task today) are skipped by the unique key, not raised.
            Notification.objects.bulk_create(batch, ignore_conflicts=True)
            ids = list(
                Notification.objects.filter(
                    day=day, channel=Notification.Channel.EMAIL, key__in={r.key for r in batch},
                    person_id__in={r.person_id for r in batch}, sent_at__isnull=True, created_at__gte=before,
                ).values_list("pk", flat=True)
            )
            if ids:
                transaction.on_commit(lambda ids=ids: _enqueue(ids))
            queued += len(ids)
    return queued


def _enqueue(ids: list[int]) -> None:
    from .tasks import send_notifications

    send_notifications.enqueue(ids)


def site_url(path: str) -> str:
    """An absolute link for an email (``SITE_URL`` + path)."""
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def send(ids: list[int]) -> int:
    """Send the recorded messages not sent yet; each row is claimed first, so it goes out once."""
    sent = 0
    rows = Notification.objects.filter(pk__in=ids, sent_at__isnull=True).select_related("person__user")
    for row in rows:
        if not Notification.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            continue  # another worker claimed it
        person = row.person
        language = person.locale or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {**row.context, "person": person, "site_url": site_url("")}
            subject = translation.gettext(row.subject) % row.context if row.context else translation.gettext(
                row.subject
            )
            body = render_to_string(f"notifications/email/{row.template}.txt", context)
        try:
            send_mail(subject, body, None, [person.user.email])
        except Exception:
            # Not sent: release the claim so the next run retries it.
            Notification.objects.filter(pk=row.pk).update(sent_at=None)
            raise
        Notification.objects.filter(pk=row.pk).update(subject=subject[:300])
        sent += 1
    return sent


def send_reminders(today: datetime.date | None = None) -> int:
    """Ask every registered reminder source what is due ``today`` and queue it (once per task and day)."""
    from .registry import reminder_sources

    today = today or timezone.localdate()
    messages: list[Message] = []
    for source in reminder_sources():
        messages.extend(source(today))
    return notify_many(messages, day=today)
