"""Writes of a manager's private notes: about someone below the author in the reporting line; only the author
changes them."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ManagerNote
from .base import active_person, clean_text, me_or_refuse

NOTE_LIMIT = 10_000


@transaction.atomic
def note_create(*, by, about: Any, text: Any) -> ManagerNote:
    me = me_or_refuse(by)
    subject = active_person(about, field="about")
    if not rules.has_perm("continuous.add_managernote", by, subject):
        raise ValidationError({"about": [_("Notes are about someone who reports to you.")]})
    return ManagerNote.objects.create(author=me, about=subject, text=clean_text(text, field="text", limit=NOTE_LIMIT))


@transaction.atomic
def note_update(*, note: ManagerNote, by, text: Any) -> ManagerNote:
    if not rules.has_perm("continuous.change_managernote", by, note):
        raise PermissionDenied(_("Only its author changes a note."))
    note.text = clean_text(text, field="text", limit=NOTE_LIMIT)
    note.save(update_fields=["text", "updated_at"])
    return note
