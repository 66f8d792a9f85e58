"""Writes to weekly boards: one board per team (or person) and week, saved whole."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from people.models import Person, Unit, User
from people.roles import roles_of

from .. import rules as policy
from ..models import WeeklyPlan


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` falls in: a board is keyed by it."""
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def weekly_plan_save(
    *,
    by: User,
    week: dt.date,
    unit: Unit | None = None,
    person: Person | None = None,
    priorities: str = "",
    plans_next_weeks: str = "",
    health: str = WeeklyPlan.Health.GREEN,
    health_notes: str = "",
) -> WeeklyPlan:
    """Create or replace the board of ``unit`` (a team) or ``person`` for the week containing ``week``."""
    if (unit is None) == (person is None):
        raise ValidationError({"detail": ["A board belongs to a team or to a person."]})
    if health not in WeeklyPlan.Health.values:
        raise ValidationError({"health": ["Choose green, yellow or red."]})
    week = week_start(week)
    probe = WeeklyPlan(unit=unit, person=person, week=week)
    if not policy.allowed(by, "okrs.change_weeklyplan", probe):
        raise PermissionDenied("You may not write this board.")
    owner = {"unit": unit} if unit is not None else {"person": person}
    # Two people saving the same new board at once: the unique constraint and the row lock make one update the other.
    plan, _ = WeeklyPlan.objects.select_for_update().get_or_create(week=week, **owner)
    plan.priorities, plan.plans_next_weeks = priorities, plans_next_weeks
    plan.health, plan.health_notes = health, health_notes
    plan.author = roles_of(by).person
    plan.save()
    return plan
