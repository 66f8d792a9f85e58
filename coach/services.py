"""Writes of the coach: silencing a finding (and lifting the silence), and the company's rule settings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from okrs.models import KeyResult, Objective
from people.roles import roles_of

from .models import CoachRule, Rule, Silence
from .rules import can_silence
from .rules_engine import RULES


@transaction.atomic
def silence_create(*, by, objective: Objective, rule: str, reason: str,
                   key_result: KeyResult | None = None) -> Silence:
    """Silence ``rule`` on an objective or one of its key results; the reason is required."""
    if not can_silence(by, objective):
        raise PermissionDenied("Only the owner, their managers, the unit's leads or HR silence the coach here.")
    errors = {}
    if rule not in Rule.values:
        errors["rule"] = "Unknown rule."
    if not (reason or "").strip():
        errors["reason"] = "Say why this finding does not apply."
    if key_result is not None and key_result.objective_id != objective.pk:
        errors["key_result"] = "This key result belongs to another objective."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return Silence.objects.create(objective=objective, key_result=key_result, rule=rule,
                                          reason=reason.strip(), by=roles_of(by).person)
    except IntegrityError:
        raise ValidationError({"rule": "This finding is already silenced."}) from None


@transaction.atomic
def silence_delete(*, by, silence: Silence) -> None:
    if not can_silence(by, silence.objective):
        raise PermissionDenied("Only the owner, their managers, the unit's leads or HR lift a silence here.")
    silence.delete()


def _clean_params(code: str, params) -> dict:
    spec = RULES[code]
    if not isinstance(params, dict):
        raise ValidationError({"params": "Thresholds must be an object."})
    unknown = sorted(set(params) - set(spec.defaults))
    if unknown:
        raise ValidationError({"params": f"Unknown thresholds for this rule: {', '.join(unknown)}."})
    clean = {}
    for name, value in params.items():
        low, high = spec.bounds[name]
        integral = isinstance(spec.defaults[name], int)
        if isinstance(value, bool) or not isinstance(value, int | float) or (integral and value != int(value)):
            raise ValidationError({"params": f"{name} must be {'a whole number' if integral else 'a number'}."})
        if not low <= value <= high:
            raise ValidationError({"params": f"{name} must be between {low} and {high}."})
        clean[name] = int(value) if integral else float(value)
    return clean


@transaction.atomic
def coach_rule_update(*, by, code: str, enabled: bool | None = None, params: dict | None = None) -> CoachRule:
    """HR admin turns a rule on or off and sets its thresholds (merged over the current ones)."""
    if not roles_of(by).hr_admin:
        raise PermissionDenied("Only HR admin configures the coach.")
    if code not in RULES:
        raise ValidationError({"code": "Unknown rule."})
    row, _ = CoachRule.objects.select_for_update().get_or_create(code=code, defaults={"params": RULES[code].defaults})
    if enabled is not None:
        row.enabled = bool(enabled)
    if params is not None:
        row.params = {**RULES[code].defaults, **(row.params or {}), **_clean_params(code, params)}
    row.updated_by = roles_of(by).person
    row.save()
    return row
