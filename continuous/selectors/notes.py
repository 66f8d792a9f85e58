"""Reads of a manager's private notes: the author's own (HR admin reads all but those about themselves).

Nothing else reads this table: not the evidence of another reader, not a PDF, not the results export."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from common.access import fetch
from people.models import Person

from ..models import ManagerNote
from ..rules import me_of, note_visibility_q

PER_PAGE = 25
QUERY_LIMIT = 100


def notes_visible_to(user) -> QuerySet[ManagerNote]:
    return ManagerNote.objects.filter(note_visibility_q(user)).select_related("author", "about__unit")


def note_detail(user, pk: Any) -> ManagerNote:
    return fetch(notes_visible_to(user), pk)


def notes_search(qs: QuerySet[ManagerNote], query: str) -> QuerySet[ManagerNote]:
    """Notes whose text (or the name of whom they are about) holds every word of ``query``."""
    for word in query.split()[:8]:
        qs = qs.filter(Q(text__icontains=word) | Q(about__full_name__icontains=word))
    return qs


def notes_by(user, person: Person, *, start, end) -> list[ManagerNote]:
    """The reader's own notes about ``person`` in the period, oldest first (never another author's)."""
    me = me_of(user)
    if me is None:
        return []
    return list(ManagerNote.objects.filter(author_id=me.pk, about_id=person.pk, created_at__gte=start,
                                           created_at__lt=end).order_by("created_at", "pk"))


def note_subjects(user) -> list[Person]:
    """The people a notes form offers: the caller's active direct reports (one query)."""
    me = me_of(user)
    if me is None:
        return []
    return list(Person.objects.filter(manager_id=me.pk, state=Person.State.ACTIVE).order_by("full_name", "pk"))
