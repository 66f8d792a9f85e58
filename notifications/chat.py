"""Delivery of recorded messages to Slack and Teams incoming webhooks, with bounded retries.

Each row is claimed before it is posted (``sent_at`` set by an ``UPDATE … WHERE sent_at IS NULL``), so two
workers never both post it, the same never-twice rule as email. A timeout, a connection error, a 429 or a
5xx releases the claim and counts an attempt: the task tries again after ``CHAT_WEBHOOK_BACKOFF`` seconds,
doubled each time, up to ``CHAT_WEBHOOK_ATTEMPTS`` attempts. Any other answer (a 4xx: the webhook was
removed or the payload refused) fails the row at once. A failed row has ``failed_at`` and ``last_error``
and is never tried again.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation

from people.language import language_of

from . import webhooks
from .models import Notification, NotificationSettings
from .services import render_message, site_url


def max_attempts() -> int:
    return max(1, int(getattr(settings, "CHAT_WEBHOOK_ATTEMPTS", 5)))


def backoff(attempts: int) -> float:
    """Seconds to wait before the next attempt, after ``attempts`` failed ones."""
    return float(getattr(settings, "CHAT_WEBHOOK_BACKOFF", 30)) * 2 ** max(attempts - 1, 0)


def _fail(row: Notification, error: str) -> None:
    Notification.objects.filter(pk=row.pk).update(sent_at=None, failed_at=timezone.now(), last_error=error[:300])


def deliver(ids: list[int]) -> tuple[int, list[int], int]:
    """Post the chat messages ``ids`` not yet delivered: (delivered, ids to retry, attempts made so far)."""
    rows = list(Notification.objects.filter(
        pk__in=ids, channel__in=Notification.CHAT_CHANNELS, sent_at__isnull=True, failed_at__isnull=True,
    ).select_related("person"))
    preferences = NotificationSettings.objects.in_bulk({row.person_id for row in rows}, field_name="person_id")
    delivered, retry, attempts = 0, [], 0
    for row in rows:
        claimed = Notification.objects.filter(pk=row.pk, sent_at__isnull=True, failed_at__isnull=True).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1
        )
        if not claimed:
            continue  # another worker has it
        row.attempts += 1
        chosen = preferences.get(row.person_id)
        url = chosen.webhook(row.channel) if chosen is not None and row.channel in chosen.channels() else ""
        if not url:
            _fail(row, "the channel was turned off")
            continue
        subject, text = render_message(row)
        link = site_url(row.context["url"]) if row.context.get("url") else ""
        with translation.override(language_of(row.person)):  # the card's button too, not only its text
            body = webhooks.payload(row.channel, title=subject, text=text.strip(), url=link)
        outcome = webhooks.post(url, body)
        if outcome.ok:
            Notification.objects.filter(pk=row.pk).update(subject=subject[:300], last_error="")
            delivered += 1
        elif outcome.retry and row.attempts < max_attempts():
            Notification.objects.filter(pk=row.pk).update(sent_at=None, last_error=outcome.error[:300])
            retry.append(row.pk)
            attempts = max(attempts, row.attempts)
        else:
            _fail(row, outcome.error)
    return delivered, retry, attempts
