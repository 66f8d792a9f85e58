"""Writes of cycle configuration: create, change, copy. Phase moves live in ``workflows.cycle``."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from people.models import Person, User

from .models import RatingScale, ReviewCycle, ReviewTemplate

# What HR may change once the cycle is launched: the reviews were built on the rest.
LOCKED_AFTER_LAUNCH = ("template", "final_scale", "periods")
M2M_FIELDS = ("periods", "participant_units")


def default_template() -> ReviewTemplate | None:
    return ReviewTemplate.objects.filter(code="standard").first()


def default_scale(code: str) -> RatingScale | None:
    return RatingScale.objects.filter(code=code).first()


def _clean_mapping(value: Any, *, field: str, keys: tuple[str, ...], what: str, clean_one) -> dict[str, Any]:
    """A JSON object of ``keys`` → values, each value cleaned by ``clean_one(key, value)`` (None drops it)."""
    if not isinstance(value, dict):
        raise ValidationError({field: [f"Give an object of {what}."]})
    clean: dict[str, Any] = {}
    for key, raw in value.items():
        if key not in keys:
            raise ValidationError({field: [f"Unknown {what.split()[0]} {key!r}; they are {', '.join(keys)}."]})
        one = clean_one(key, raw)
        if one is not None:
            clean[key] = one
    return clean


def _deadline(phase: str, day: Any) -> str | None:
    if day in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(day)).isoformat()
    except ValueError:
        raise ValidationError({"deadlines": [f"{phase}: {day!r} is not a date (YYYY-MM-DD)."]}) from None


def _weight(group: str, raw: Any) -> float:
    try:
        weight = float(raw)
    except (TypeError, ValueError):
        raise ValidationError({"group_weights": [f"{group}: the weight must be a number."]}) from None
    if weight < 0 or weight > 100:
        raise ValidationError({"group_weights": [f"{group}: the weight must be between 0 and 100."]})
    return weight


def _clean_deadlines(value: Any) -> dict[str, str]:
    return _clean_mapping(value, field="deadlines", keys=ReviewCycle.PHASES, what="phase → date",
                          clean_one=_deadline)


def _clean_weights(value: Any) -> dict[str, float]:
    return _clean_mapping(value, field="group_weights", keys=ReviewCycle.GROUPS, what="group → weight",
                          clean_one=_weight)


def _validate(cycle: ReviewCycle) -> None:
    for name, cap in (("anonymity_threshold", 100), ("min_respondents", 100), ("max_respondents", 100),
                      ("max_requests_per_respondent", 1000)):
        if not isinstance(getattr(cycle, name), int) or not 0 <= getattr(cycle, name) <= cap:
            raise ValidationError({name: [f"Give a whole number from 0 to {cap}."]})
    if cycle.min_respondents > cycle.max_respondents:
        raise ValidationError({"min_respondents": ["The minimum cannot exceed the maximum."]})
    if cycle.anonymity_threshold < 1:
        raise ValidationError({"anonymity_threshold": ["The threshold is at least 1."]})
    if cycle.max_requests_per_respondent < 1:
        raise ValidationError({"max_requests_per_respondent": ["Allow at least one request per respondent."]})


@transaction.atomic
def cycle_create(*, by: User, name: str, **fields: Any) -> ReviewCycle:
    """A new cycle in draft; template and scales default to the ready ones."""
    m2m = {key: fields.pop(key) for key in M2M_FIELDS if key in fields}
    fields.setdefault("template", default_template())
    fields.setdefault("final_scale", default_scale("final-rating"))
    fields.setdefault("potential_scale", default_scale("potential"))
    if "deadlines" in fields:
        fields["deadlines"] = _clean_deadlines(fields["deadlines"])
    if "group_weights" in fields:
        fields["group_weights"] = _clean_weights(fields["group_weights"])
    if fields["template"] is None or fields["final_scale"] is None:
        raise ValidationError({"template": ["Choose a template and a final rating scale."]})
    cycle = ReviewCycle(name=name, **fields)
    _validate(cycle)
    cycle.save()
    for key, values in m2m.items():
        getattr(cycle, key).set(values)
    return cycle


@transaction.atomic
def cycle_update(*, cycle: ReviewCycle, by: User, **changes: Any) -> ReviewCycle:
    """Change the configuration; the template, final scale and periods are fixed once launched."""
    if cycle.state != ReviewCycle.State.DRAFT:
        locked = [key for key in LOCKED_AFTER_LAUNCH if key in changes]
        if locked:
            raise ValidationError({key: ["This cannot change once the cycle is launched."] for key in locked})
    if cycle.state == ReviewCycle.State.CLOSED:
        raise ValidationError("A closed cycle cannot change.")
    m2m = {key: changes.pop(key) for key in M2M_FIELDS if key in changes}
    if "deadlines" in changes:
        changes["deadlines"] = _clean_deadlines(changes["deadlines"])
    if "group_weights" in changes:
        changes["group_weights"] = _clean_weights(changes["group_weights"])
    for key, value in changes.items():
        setattr(cycle, key, value)
    _validate(cycle)
    cycle.save()
    for key, values in m2m.items():
        getattr(cycle, key).set(values)
    return cycle


@transaction.atomic
def cycle_copy(*, cycle: ReviewCycle, by: User, name: str = "") -> ReviewCycle:
    """A new draft with the same configuration (deadlines dropped: they belong to the old dates)."""
    copy = ReviewCycle.objects.create(
        name=name or f"{cycle.name} (copy)", hired_before=cycle.hired_before, template=cycle.template,
        final_scale=cycle.final_scale, potential_scale=cycle.potential_scale, anonymity=cycle.anonymity,
        anonymity_threshold=cycle.anonymity_threshold, min_respondents=cycle.min_respondents,
        max_respondents=cycle.max_respondents, max_requests_per_respondent=cycle.max_requests_per_respondent,
        group_weights=dict(cycle.group_weights or {}), feedback_phase=cycle.feedback_phase,
        calibration_phase=cycle.calibration_phase, copied_from=cycle,
    )
    copy.participant_units.set(cycle.participant_units.all())
    return copy


def cycle_participants(cycle: ReviewCycle) -> QuerySet[Person]:
    """Active people in the participant units (and below), minus those hired after the cutoff."""
    lineages = list(cycle.participant_units.values_list("lineage", flat=True))
    if not lineages:
        return Person.objects.none()
    units = Q()
    for lineage in lineages:
        units |= Q(unit__lineage__startswith=lineage)
    qs = Person.objects.filter(units, state=Person.State.ACTIVE)
    if cycle.hired_before is not None:
        qs = qs.filter(Q(hire_date__isnull=True) | Q(hire_date__lte=cycle.hired_before))
    return qs
