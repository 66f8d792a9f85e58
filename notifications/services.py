"""The one notification path: record the message (unique per person, key, day and channel), then send it
in a background task in the recipient's language.

A message goes out on each channel the person chose (``NotificationSettings``: email by default, Slack and
Teams incoming webhooks), one record per channel; chat delivery is in ``chat.py``.

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

from people.language import language_of
from people.models import Person

from .models import Notification, NotificationSettings

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
    """Tell ``person`` about ``key`` on their channels unless they already had it today; True when queued."""
    return notify_many([Message(person.pk, key, subject, template, context or {})], day=day) == 1


def _channels_of(person_ids: set[int]) -> dict[int, list[str]]:
    """Each person's channels (one query); a person without settings gets email."""
    chosen = {s.person_id: s.channels() for s in NotificationSettings.objects.filter(person_id__in=person_ids)}
    return {pk: chosen.get(pk, [Notification.Channel.EMAIL]) for pk in person_ids}


def notify_many(messages: Iterable[Message], *, day: datetime.date | None = None) -> int:
    """Record and queue many messages at once, one row per person's channel (one SELECT of preferences, one
    INSERT, one SELECT per batch); returns how many messages are new (a message on two channels counts once)."""
    day = day or timezone.localdate()
    messages = list(messages)
    queued = 0
    for start in range(0, len(messages), BATCH):
        batch = messages[start : start + BATCH]
        channels = _channels_of({m.person_id for m in batch})
        rows = [
            Notification(person_id=m.person_id, key=m.key, day=day, channel=channel, template=m.template,
                         subject=m.subject, context=m.context)
            for m in batch for channel in channels[m.person_id]
        ]
        if not rows:
            continue
        with transaction.atomic():
            before = timezone.now()
            # Rows already there (the same task today) are skipped by the unique key, not raised.
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
            new = list(
                Notification.objects.filter(
                    day=day, key__in={r.key for r in rows}, person_id__in={r.person_id for r in rows},
                    sent_at__isnull=True, failed_at__isnull=True, created_at__gte=before,
                ).values_list("pk", "channel", "person_id", "key")
            )
            email = [pk for pk, channel, _p, _k in new if channel == Notification.Channel.EMAIL]
            chat = [pk for pk, channel, _p, _k in new if channel != Notification.Channel.EMAIL]
            if email or chat:
                transaction.on_commit(lambda email=email, chat=chat: _enqueue(email, chat))
            queued += len({(person_id, key) for _pk, _c, person_id, key in new})
    return queued


def _enqueue(email: list[int], chat: list[int]) -> None:
    from .tasks import deliver_chat, send_notifications

    if email:
        send_notifications.enqueue(email)
    if chat:
        deliver_chat.enqueue(chat)


def site_url(path: str) -> str:
    """An absolute link for an email (``SITE_URL`` + path): the address the site runs at, which
    config/settings.py derives from ``HOST`` and ``PORT`` unless ``SITE_URL`` names it."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def render_message(row: Notification) -> tuple[str, str]:
    """The subject and text of a recorded message, in the recipient's language (``language_of``: the one
    they chose, else the site's)."""
    person = row.person
    with translation.override(language_of(person)):
        context = {**row.context, "person": person, "site_url": site_url("")}
        subject = translation.gettext(row.subject)
        if row.context:
            subject = subject % row.context
        return subject, render_to_string(f"notifications/email/{row.template}.txt", context)


def send(ids: list[int]) -> int:
    """Email the recorded messages not sent yet; each row is claimed first, so it goes out once."""
    sent = 0
    rows = Notification.objects.filter(
        pk__in=ids, channel=Notification.Channel.EMAIL, sent_at__isnull=True
    ).select_related("person__user")
    for row in rows:
        if not Notification.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            continue  # another worker claimed it
        subject, body = render_message(row)
        try:
            send_mail(subject, body, None, [row.person.user.email])
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
