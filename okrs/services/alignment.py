"""Writes to dependencies (horizontal alignment): asking another unit for a contribution.

Accepting and declining are transitions of DependencyFlow (``workflows/dependency.py``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from people.models import Unit, User
from people.roles import roles_of

from .. import rules as policy
from ..models import Dependency, KeyResult, Objective


@transaction.atomic
def dependency_create(
    *, by: User, objective: Objective, to_unit: Unit, key_result: KeyResult | None = None, message: str = ""
) -> Dependency:
    """The objective's unit asks ``to_unit`` to contribute to the objective (or one of its key results)."""
    errors: dict[str, list[str]] = {}
    if objective.level == Objective.Level.PERSONAL or objective.unit_id is None:
        errors["objective"] = ["Only company, unit and team objectives ask other units for help."]
    elif objective.state == Objective.State.CLOSED:
        errors["objective"] = ["The objective is closed."]
    if key_result is not None and key_result.objective_id != objective.pk:
        errors["key_result"] = ["This key result belongs to another objective."]
    if objective.unit_id is not None and to_unit.pk == objective.unit_id:
        errors["to_unit"] = ["Ask another unit than the objective's own."]
    if errors:
        raise ValidationError(errors)
    dependency = Dependency(
        from_unit=objective.unit, to_unit=to_unit, objective=objective, key_result=key_result,
        message=message, created_by=roles_of(by).person,
    )
    if not policy.allowed(by, "okrs.add_dependency", dependency):
        raise PermissionDenied("Only those who may edit the objective ask for contributions to it.")
    open_requests = Dependency.objects.filter(
        objective=objective, key_result=key_result, to_unit=to_unit, state=Dependency.State.REQUESTED
    )
    if open_requests.exists():
        raise ValidationError({"to_unit": ["This unit has already been asked and has not answered yet."]})
    dependency.save()
    return dependency
