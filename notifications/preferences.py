"""A person's notification settings: read (defaults when none saved) and written with webhook validation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from people.models import Person

from .models import NotificationSettings
from .services import notify
from .webhooks import webhook_problem

FIELDS = ("email", "slack", "slack_webhook", "teams", "teams_webhook")


def settings_of(person: Person) -> NotificationSettings:
    """The saved settings, or the defaults (email only), unsaved."""
    found = NotificationSettings.objects.filter(person=person).first()
    return found if found is not None else NotificationSettings(person=person)


def check_settings(values: dict) -> dict[str, list[str]]:
    """Field errors of ``values`` (the full set of FIELDS): bad webhook URLs, a chat channel without one."""
    errors: dict[str, list[str]] = {}
    for channel in ("slack", "teams"):
        url = (values.get(f"{channel}_webhook") or "").strip()
        if url:
            problem = webhook_problem(url)
            if problem:
                errors[f"{channel}_webhook"] = [problem]
        elif values.get(channel):
            errors[f"{channel}_webhook"] = [_("Enter the webhook URL to turn this channel on.")]
    return errors


@transaction.atomic
def notification_settings_update(*, person: Person, **values) -> NotificationSettings:
    """Save ``person``'s settings (unknown keys ignored, missing ones kept); ValidationError on bad values."""
    current = settings_of(person)
    merged = {name: values.get(name, getattr(current, name)) for name in FIELDS}
    merged["slack_webhook"] = (merged["slack_webhook"] or "").strip()
    merged["teams_webhook"] = (merged["teams_webhook"] or "").strip()
    errors = check_settings(merged)
    if errors:
        raise ValidationError(errors)
    for name, value in merged.items():
        setattr(current, name, value)
    current.save()
    return current


TEST_SUBJECT = gettext_noop("Perfcycle test message")


def notification_test_send(*, person: Person) -> bool:
    """A test message on each of the person's channels, through the one path (at most one a minute)."""
    minute = timezone.localtime().strftime("%H:%M")
    return notify(person=person, key=f"test:{minute}", subject=TEST_SUBJECT, template="test",
                  context={"url": reverse("notifications:settings")})
