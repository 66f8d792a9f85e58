"""The company channel HR names (Slack or Teams): each praise is posted there once, in the channel's language.

The same webhooks as people's own chat notifications (``notifications.webhooks``: the SSRF guard, the
Slack blocks and the Teams card), but a channel is no person, so the once-only record is the praise itself:
a worker claims it (``channel_posted_at`` set by an ``UPDATE … WHERE … IS NULL``) before posting; a timeout, a
429 or a 5xx releases the claim for a bounded retry, anything else marks it failed for good.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications import webhooks
from notifications.services import site_url

from .models import FeedbackSettings, Praise, PraiseRecipient


def max_attempts() -> int:
    return max(1, int(getattr(settings, "CHAT_WEBHOOK_ATTEMPTS", 5)))


def _fail(praise_id: int, error: str) -> None:
    Praise.objects.filter(pk=praise_id).update(channel_posted_at=None, channel_failed_at=timezone.now(),
                                               channel_error=error[:300])


def post_text(praise: Praise, names: list[str]) -> tuple[str, str]:
    """The post's title and text, in the active language."""
    title = _("%(author)s praised %(names)s") % {"author": praise.author.full_name, "names": ", ".join(names)}
    text = praise.message
    if praise.value is not None:
        text = _("%(message)s\n\nValue: %(value)s") % {"message": text, "value": praise.value.name}
    return title, text


def post(praise_id: int) -> str:
    """Post one praise: ``posted``, ``retry`` (claim released), ``failed`` or ``skipped`` (off, or done)."""
    current = FeedbackSettings.current()
    if not current.channel or not current.channel_webhook:
        return "skipped"
    claimed = Praise.objects.filter(pk=praise_id, channel_posted_at__isnull=True,
                                    channel_failed_at__isnull=True).update(
        channel_posted_at=timezone.now(), channel_attempts=F("channel_attempts") + 1)
    if not claimed:
        return "skipped"  # posted already, failed for good, or another worker has it
    praise = Praise.objects.select_related("author", "value").get(pk=praise_id)
    names = list(PraiseRecipient.objects.filter(praise_id=praise_id).order_by("person__full_name")
                 .values_list("person__full_name", flat=True))
    with translation.override(current.channel_language or settings.LANGUAGE_CODE):
        title, text = post_text(praise, names)
        body = webhooks.payload(current.channel, title=title, text=text,
                                url=site_url(reverse("continuous:praise", args=[praise_id])))
    outcome = webhooks.post(current.channel_webhook, body)
    if outcome.ok:
        Praise.objects.filter(pk=praise_id).update(channel_error="")
        return "posted"
    if outcome.retry and praise.channel_attempts < max_attempts():
        Praise.objects.filter(pk=praise_id).update(channel_posted_at=None, channel_error=outcome.error[:300])
        return "retry"
    _fail(praise_id, outcome.error)
    return "failed"
