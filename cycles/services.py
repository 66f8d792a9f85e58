"""Writes of cycle configuration: create, change, copy, delete. Phase moves live in ``workflows.cycle``;
the check every write (and the page and the API) runs is ``checks.cycle_problems``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from common.errors import Conflict
from people.models import Person, User
from people.roles import roles_of

from .checks import (
    LOCKED_AFTER_LAUNCH,
    Problem,
    as_errors,
    check_cycle,
    cycle_problems,
    default_scale,
    default_template,
    locked_problems,
    new_cycle,
    prepared,
    refuse,
)
from .models import ReviewCycle

__all__ = ["LOCKED_AFTER_LAUNCH", "Problem", "as_errors", "cycle_problems", "default_scale", "default_template"]


def _save(cycle: ReviewCycle, fields: dict[str, Any], m2m: dict[str, Any]) -> ReviewCycle:
    for key, value in fields.items():
        setattr(cycle, key, value)
    cycle.save()
    for key, values in m2m.items():
        getattr(cycle, key).set(values)
    return cycle


@transaction.atomic
def cycle_create(*, by: User, name: str, **fields: Any) -> ReviewCycle:
    """A new cycle in draft; template and scales default to the ready ones."""
    fields["name"] = name
    cycle = new_cycle(fields)
    clean, m2m, problems = prepared(cycle, fields)
    refuse(problems)
    return _save(cycle, clean, m2m)


@transaction.atomic
def cycle_update(*, cycle: ReviewCycle, by: User, **changes: Any) -> ReviewCycle:
    """Change the configuration; the template, final scale and periods are fixed once launched."""
    locked = locked_problems(cycle, changes)
    refuse(locked)
    clean, m2m, problems = prepared(cycle, changes)
    refuse(problems)
    return _save(cycle, clean, m2m)


def _free_name(base: str) -> str:
    """``base`` if no cycle has it (case aside), else ``base (2)``, ``base (3)``…"""
    taken = {name.lower() for name in ReviewCycle.objects.filter(name__istartswith=base).values_list("name", flat=True)}
    if base.lower() not in taken:
        return base
    number = 2
    while f"{base} ({number})".lower() in taken:
        number += 1
    return f"{base} ({number})"


@transaction.atomic
def cycle_copy(*, cycle: ReviewCycle, by: User, name: str = "") -> ReviewCycle:
    """A new draft with the same configuration (deadlines dropped: they belong to the old dates)."""
    copy = ReviewCycle(
        name=name.strip() or _free_name(_("%(name)s (copy)") % {"name": cycle.name})[:200],
        hired_before=cycle.hired_before, template=cycle.template,
        final_scale=cycle.final_scale, potential_scale=cycle.potential_scale, anonymity=cycle.anonymity,
        anonymity_threshold=cycle.anonymity_threshold, min_respondents=cycle.min_respondents,
        max_respondents=cycle.max_respondents, max_requests_per_respondent=cycle.max_requests_per_respondent,
        group_weights=dict(cycle.group_weights or {}), feedback_phase=cycle.feedback_phase,
        calibration_phase=cycle.calibration_phase, copied_from=cycle,
    )
    refuse(check_cycle(copy, []))
    copy.save()
    copy.participant_units.set(cycle.participant_units.all())
    return copy


@transaction.atomic
def cycle_delete(*, cycle: ReviewCycle, by: User) -> None:
    """Delete a draft cycle (no one was invited yet): HR admin only (403), never once launched (409)."""
    if not roles_of(by).hr_admin:
        raise PermissionDenied(_("Only HR admins delete review cycles."))
    locked = ReviewCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    if locked is None:
        raise Conflict("the cycle no longer exists", "")
    if locked.state != ReviewCycle.State.DRAFT:
        raise Conflict("only a draft cycle can be deleted; a launched cycle stays for the record", locked.state,
                       label=locked.get_state_display())
    locked.delete()


def cycle_participants(cycle: ReviewCycle) -> QuerySet[Person]:
    """Active people in the participant units (and below), minus those hired after the cutoff."""
    lineages = list(cycle.participant_units.values_list("lineage", flat=True))
    if not lineages:
        # No one, as a query that still compiles (``none()`` cannot be embedded in an INSERT … SELECT).
        return Person.objects.filter(pk__isnull=True)
    units = Q()
    for lineage in lineages:
        units |= Q(unit__lineage__startswith=lineage)
    qs = Person.objects.filter(units, state=Person.State.ACTIVE)
    if cycle.hired_before is not None:
        qs = qs.filter(Q(hire_date__isnull=True) | Q(hire_date__lte=cycle.hired_before))
    return qs
