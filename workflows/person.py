"""PersonFlow: a person's membership of the organisation (active ⇄ inactive).

``deactivate`` (active → inactive) and ``reactivate`` (inactive → active): HR admin
(``people.deactivate_person``, ``people.reactivate_person``), one person through the API, or in bulk by the
org import (``people_set_active``). An inactive person cannot log in (their user is deactivated with them)
and takes part in no new cycle; their history stays for audit. After either move every running cycle the
person takes part in syncs its participants in a worker (``workflows.participants``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from people.models import Person, User

from .base import Flow, flow_state, may
from .registry import register
from .runner import run_bulk_transition


@register
class PersonFlow(Flow):
    model = Person
    state = flow_state(Person.State, default=Person.State.ACTIVE)

    @state.transition(
        source=Person.State.ACTIVE, target=Person.State.INACTIVE, label=_("Deactivate"),
        permission=may("people.deactivate_person"),
    )
    def deactivate(self) -> None:
        User.objects.filter(pk=self.obj.user_id).update(is_active=False)

    @state.transition(
        source=Person.State.INACTIVE, target=Person.State.ACTIVE, label=_("Reactivate"),
        permission=may("people.reactivate_person"),
    )
    def reactivate(self) -> None:
        User.objects.filter(pk=self.obj.user_id).update(is_active=True)


def people_set_active(queryset: QuerySet[Person], *, active: bool, by, reason: str) -> list[int]:
    """Bulk (de)activation, e.g. for an import: one UPDATE of people, one of users, one insert of logs."""
    name = "reactivate" if active else "deactivate"
    moved = run_bulk_transition(Person, name, queryset, by=by, reason=reason)
    if moved:
        User.objects.filter(person__pk__in=moved).update(is_active=active)
    return moved
