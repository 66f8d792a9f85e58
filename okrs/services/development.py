"""Writes to development goals: the person, their manager or HR admin edit them; status is a plain field."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from people.models import Person, User
from people.roles import roles_of

from .. import rules as policy
from ..models import DevelopmentGoal, Period

EDITABLE = ("title", "competency", "actions", "support_needed", "due_date", "status", "progress_notes", "period")


def _validate(goal: DevelopmentGoal) -> None:
    errors: dict[str, list[str]] = {}
    if not goal.title.strip():
        errors["title"] = ["A title is required."]
    if goal.status not in DevelopmentGoal.Status.values:
        errors["status"] = ["Choose planned, in_progress, done or dropped."]
    if goal.source not in DevelopmentGoal.Source.values:
        errors["source"] = ["Choose goal_setting or conversation."]
    if goal.due_date is not None and not isinstance(goal.due_date, dt.date):
        errors["due_date"] = ["Enter a date (YYYY-MM-DD)."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def development_goal_create(
    *,
    by: User,
    title: str,
    person: Person | None = None,
    period: Period | None = None,
    competency: str = "",
    actions: str = "",
    support_needed: str = "",
    due_date: dt.date | None = None,
    status: str = DevelopmentGoal.Status.PLANNED,
    progress_notes: str = "",
    source: str = DevelopmentGoal.Source.GOAL_SETTING,
) -> DevelopmentGoal:
    me = roles_of(by).person
    person = person or me
    if person is None:
        raise ValidationError({"person": ["Whose development goal is it?"]})
    goal = DevelopmentGoal(
        person=person, period=period, title=title, competency=competency, actions=actions,
        support_needed=support_needed, due_date=due_date, status=status, progress_notes=progress_notes,
        source=source, created_by=me,
    )
    if not policy.allowed(by, "okrs.add_developmentgoal", goal):
        raise PermissionDenied("Development goals are written by the person, their manager or HR.")
    _validate(goal)
    goal.save()
    return goal


@transaction.atomic
def development_goal_update(*, goal: DevelopmentGoal, by: User, **changes) -> DevelopmentGoal:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({f: ["This field cannot be changed here."] for f in sorted(unknown)})
    goal = DevelopmentGoal.objects.select_for_update(of=("self",)).select_related("person__unit").get(pk=goal.pk)
    if not policy.allowed(by, "okrs.change_developmentgoal", goal):
        raise PermissionDenied("Development goals are written by the person, their manager or HR.")
    for field, value in changes.items():
        setattr(goal, field, value)
    _validate(goal)
    if changes:
        goal.save(update_fields=[*changes, "updated_at"])
    return goal
