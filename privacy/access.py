"""The access-checked fetch of the person whose data is exported or erased: 404 for anyone else than HR admin."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from people.models import Person
from people.selectors import people_visible_to


def get_person_for_privacy(user, person_id: Any, perm: str = "privacy.export_person") -> Person:
    try:
        person = people_visible_to(user).get(pk=int(person_id))
    except (Person.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404("No such person.") from None
    if not user.has_perm(perm, person):
        raise Http404("No such person.")
    return person


def export_filename(person: Person) -> str:
    return f"personal-data-{person.pk}.zip"
