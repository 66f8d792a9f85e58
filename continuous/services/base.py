"""What every write of this app shares: the caller's person, a text's bounds, the people named by ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from people.models import Person
from people.roles import roles_of

from ..models import TEXT_LIMIT


def me_or_refuse(user) -> Person:
    person = roles_of(user).person
    if person is None or not person.active:
        raise PermissionDenied(_("Only people of the organisation give praise and feedback."))
    return person


def clean_text(value: Any, *, field: str, limit: int = TEXT_LIMIT) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationError({field: [_("Write something.")]})
    if len(text) > limit:
        raise ValidationError({field: [_("Keep it under %(n)s characters.") % {"n": limit}]})
    return text


def person_id(value: Any) -> int | None:
    if isinstance(value, Person):
        return value.pk
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def active_person(value: Any, *, field: str) -> Person:
    """The active person ``value`` names (a Person or an id): a 400 on ``field`` otherwise."""
    pk = person_id(value)
    person = Person.objects.select_related("unit", "user").filter(pk=pk).first() if pk else None
    if person is None or not person.active:
        raise ValidationError({field: [_("Choose an active colleague.")]})
    return person


def active_people(values: Iterable[Any] | None, *, field: str, most: int, exclude: set[int],
                  refused: str = "") -> list[Person]:
    """Distinct active people (one query), none of ``exclude``, at least one and at most ``most``."""
    if values is None or isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise ValidationError({field: [_("Choose at least one colleague.")]})
    ids = []
    for value in values:
        pk = person_id(value)
        if pk is None:
            raise ValidationError({field: [_("Choose colleagues from the list.")]})
        if pk not in ids:
            ids.append(pk)
    if not ids:
        raise ValidationError({field: [_("Choose at least one colleague.")]})
    if len(ids) > most:
        raise ValidationError({field: [_("Choose at most %(n)s colleagues.") % {"n": most}]})
    if exclude & set(ids):
        raise ValidationError({field: [refused or _("Leave yourself out of the list.")]})
    found = {p.pk: p for p in Person.objects.filter(pk__in=ids, state=Person.State.ACTIVE).select_related("user")}
    if len(found) != len(ids):
        raise ValidationError({field: [_("Choose active colleagues only.")]})
    return [found[pk] for pk in ids]
