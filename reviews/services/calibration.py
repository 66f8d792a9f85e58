"""Calibration sessions: HR admin sets them up over units of a cycle, with the managers taking part.
The rating changes themselves are the review's ``calibrate`` transition (``workflows.review``), which writes
the CalibrationChange log row in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cycles.models import ReviewCycle
from people.models import Person, Unit, User
from people.roles import roles_of

from ..models import CalibrationSession


@transaction.atomic
def calibration_session_create(
    *, cycle: ReviewCycle, by: User, name: str, units: Sequence[Unit], participants: Sequence[Person] = (),
) -> CalibrationSession:
    if not roles_of(by).hr_admin:
        raise PermissionDenied("HR admin sets up calibration sessions.")
    errors = {}
    if not name.strip():
        errors["name"] = ["Name the session."]
    if not units:
        errors["units"] = ["Choose at least one unit."]
    if errors:
        raise ValidationError(errors)
    session = CalibrationSession.objects.create(cycle=cycle, name=name.strip(), created_by=roles_of(by).person)
    session.units.set(units)
    session.participants.set(participants)
    return session
