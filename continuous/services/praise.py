"""Writes of praise: giving it (the recipients told, the channel HR names posted once) and reacting to it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import CompanyValue, Praise, PraiseRecipient, Reaction
from ..notifications import praise_given
from .base import active_people, clean_text, me_or_refuse

MAX_RECIPIENTS = 20
MESSAGE_LIMIT = 2000


def _value(code: Any) -> CompanyValue | None:
    if code in (None, ""):
        return None
    value = CompanyValue.objects.filter(code=str(code), active=True).first() if isinstance(code, str) else None
    if value is None:
        raise ValidationError({"value": [_("Choose one of the company's values, or none.")]})
    return value


@transaction.atomic
def praise_create(*, by, recipients: Iterable[Any], message: Any, value: Any = None) -> Praise:
    """Praise one or several active colleagues (not oneself), optionally for one of the company's values."""
    me = me_or_refuse(by)
    people = active_people(recipients, field="recipients", most=MAX_RECIPIENTS, exclude={me.pk})
    praise = Praise.objects.create(author=me, message=clean_text(message, field="message", limit=MESSAGE_LIMIT),
                                   value=_value(value))
    PraiseRecipient.objects.bulk_create([PraiseRecipient(praise=praise, person=p) for p in people])
    transaction.on_commit(lambda: praise_given(praise.pk))
    return praise


@transaction.atomic
def reaction_toggle(*, by, praise: Praise, kind: Any) -> bool:
    """Add the caller's reaction, or take it back when it is there; answers whether it is on now."""
    me = me_or_refuse(by)
    if kind not in Reaction.Kind.values:
        raise ValidationError({"kind": [_("Choose a reaction.")]})
    deleted, _rows = Reaction.objects.filter(praise=praise, person=me, kind=kind).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(praise=praise, person=me, kind=kind)
    except IntegrityError:
        pass  # a double click: the first one added it
    return True
