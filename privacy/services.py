"""Personal-data actions: an export and an erasure of one person (logged), and the retention run."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import Conflict
from people.models import Person

from .erasure import erasable, erase_people, is_erased, retention_days
from .export import export_zip
from .models import PrivacyLog


def _actor_name(user) -> str:
    return getattr(getattr(user, "person", None), "full_name", "") or user.get_username()


def person_export_create(*, person: Person, by, language: str) -> bytes:
    """The ZIP of everything about ``person``, logged (the log row is written even if nobody downloads it)."""
    content = export_zip(person, by, language=language)
    PrivacyLog.objects.create(action=PrivacyLog.Action.EXPORT, actor=by, actor_name=_actor_name(by),
                              subject_id=person.pk, subject_label=person.full_name,
                              details={"bytes": len(content), "language": language})
    return content


def erase_refusal(person: Person) -> str | None:
    """Why ``person`` may not be erased now, or None."""
    if is_erased(person):
        return _("This person's data has already been erased.")
    if person.state != Person.State.INACTIVE:
        return _("Only people who have left (inactive) can be erased.")
    if not erasable().filter(pk=person.pk).exists():
        return _("People can be erased %(days)s days after they left.") % {"days": retention_days()}
    return None


@transaction.atomic
def person_erase(*, person: Person, by, reason: str = "") -> None:
    """Erase one person now (409 when they are not due: active, within the retention period, or done)."""
    refusal = erase_refusal(person)
    if refusal is not None or not erase_people([person.pk], by=by, reason=reason):
        raise Conflict(refusal or _("This person cannot be erased now."), person.state)


def retention_run(*, now: datetime.datetime | None = None) -> int:
    """Erase everyone past the retention period (idempotent: the erased are no longer due)."""
    ids = list(erasable(now=now).order_by("pk").values_list("pk", flat=True))
    return len(erase_people(ids, reason="retention"))
