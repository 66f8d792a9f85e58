"""HR's writes: the company's values (three languages) and the settings (praise channel, feedback nudge)."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from notifications.webhooks import webhook_problem

from ..models import LANGUAGES, CompanyValue, FeedbackSettings

NAME_LIMIT = 80
DESCRIPTION_LIMIT = 300


def _require_hr(by) -> None:
    if not rules.has_perm("continuous.change_settings", by):
        raise PermissionDenied(_("Only HR admins change the company's values and settings."))


def _labels(values: Any, *, field: str, limit: int, required: bool) -> dict[str, str]:
    values = values if isinstance(values, dict) else {}
    out = {}
    for language in LANGUAGES:
        text = values.get(language)
        text = text.strip() if isinstance(text, str) else ""
        if len(text) > limit:
            raise ValidationError({field: [_("Keep each language under %(n)s characters.") % {"n": limit}]})
        if text:
            out[language] = text
    if required and "en" not in out:
        raise ValidationError({field: [_("Give at least the English name.")]})
    return out


@transaction.atomic
def company_value_save(*, by, value: CompanyValue | None = None, code: Any = None, names: Any = None,
                       descriptions: Any = None, active: bool = True, position: Any = None) -> CompanyValue:
    """Add a value (``value`` None) or change one; a value is retired (``active`` off), never deleted, since
    praise names it."""
    _require_hr(by)
    value = value or CompanyValue()
    labels = _labels(names, field="names", limit=NAME_LIMIT, required=True)
    if value.pk is None:
        code = slugify(code if isinstance(code, str) and code.strip() else labels["en"])[:40]
        if not code:
            raise ValidationError({"code": [_("Give a short code in Latin letters, such as “ownership”.")]})
        if CompanyValue.objects.filter(code=code).exists():
            raise ValidationError({"code": [_("Another value has this code.")]})
        value.code = code
    value.names = labels
    value.descriptions = _labels(descriptions, field="descriptions", limit=DESCRIPTION_LIMIT, required=False)
    value.active = bool(active)
    if position is not None:
        try:
            value.position = max(0, min(int(position), 1000))
        except (TypeError, ValueError):
            raise ValidationError({"position": [_("Give a whole number.")]}) from None
    elif value.pk is None:
        value.position = (CompanyValue.objects.order_by("-position").values_list("position", flat=True).first()
                          or 0) + 1
    value.save()
    return value


@transaction.atomic
def feedback_settings_update(*, by, channel: Any, channel_webhook: Any, channel_language: Any,
                             nudge_weeks: Any) -> FeedbackSettings:
    _require_hr(by)
    current = FeedbackSettings.current()
    if channel not in FeedbackSettings.Channel.values:
        raise ValidationError({"channel": [_("Choose Slack, Microsoft Teams or no channel.")]})
    url = channel_webhook.strip() if isinstance(channel_webhook, str) else ""
    if channel and not url:
        raise ValidationError({"channel_webhook": [_("Give the channel's incoming webhook URL.")]})
    problem = webhook_problem(url) if url else None
    if problem:
        raise ValidationError({"channel_webhook": [problem]})
    if channel_language not in LANGUAGES:
        raise ValidationError({"channel_language": [_("Choose a language.")]})
    try:
        weeks = int(nudge_weeks)
    except (TypeError, ValueError):
        weeks = -1
    if not 0 <= weeks <= 52:
        raise ValidationError({"nudge_weeks": [_("Between 0 (never) and 52 weeks.")]})
    current.channel, current.channel_webhook = channel, url if channel else ""
    current.channel_language, current.nudge_weeks = channel_language, weeks
    current.save()
    return current
