"""The access-checked fetch of the person whose data is exported or erased: 404 for anyone else than HR admin."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from common.access import fetch
from people.models import Person
from people.selectors import people_visible_to


def privacy_person_detail(user, person_id: Any, perm: str = "privacy.export_person") -> Person:
    """The person, when ``user`` holds ``perm`` on them; the pages do not exist for anyone else (404)."""
    person = fetch(people_visible_to(user), person_id, message="No such person.")
    if not user.has_perm(perm, person):
        raise Http404("No such person.")
    return person


def export_filename(person: Person) -> str:
    return f"personal-data-{person.pk}.zip"
