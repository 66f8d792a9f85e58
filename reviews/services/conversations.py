"""Writes of results conversations; their states change only in ``workflows.conversation``.

Who may write which field: the manager's side (the review's manager, HR admin) the shared notes, the
private notes and the agreed actions; the employee the shared notes, their feedback to the manager and a
written disagreement. The shared notes and actions close once the conversation is acknowledged; the
disagreement can be written until the cycle closes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from common.errors import Conflict
from cycles.models import ReviewCycle
from okrs.models import DevelopmentGoal, Period
from okrs.services import development_goal_create
from people.models import User
from people.roles import roles_of

from ..models import Conversation, Review

MANAGER_FIELDS = {"notes", "private_notes", "actions"}
EMPLOYEE_FIELDS = {"notes", "employee_feedback", "disagreement"}
MAX_ACTIONS = 30


def clean_actions(actions: Any) -> list[str]:
    """Agreed actions as a list of non-empty texts (a text with one action per line is accepted too)."""
    if isinstance(actions, str):
        actions = actions.splitlines()
    if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
        raise ValidationError({"actions": ["Give the agreed actions as a list of texts."]})
    clean = [a.strip()[:500] for a in actions if a.strip()]
    if len(clean) > MAX_ACTIONS:
        raise ValidationError({"actions": [f"At most {MAX_ACTIONS} actions."]})
    return clean


def conversation_create(*, review: Review, by: User) -> Conversation:
    """The conversation of a released review; one per review (a second one is a 409)."""
    if not rules.has_perm("reviews.add_conversation", by, review):
        raise PermissionDenied("The employee's manager or HR plans the results conversation.")
    if not review.is_released:
        raise Conflict("the results are not released yet", review.state)
    try:
        with transaction.atomic():
            return Conversation.objects.create(review=review, created_by=roles_of(by).person)
    except IntegrityError:
        existing = Conversation.objects.filter(review=review).first()
        raise Conflict("this review already has a conversation", existing.state if existing else "") from None


def conversation_update(*, conversation: Conversation, by: User, **changes: Any) -> Conversation:
    """Save the caller's fields of the conversation (see the module's rule per side)."""
    allowed: set[str] = set()
    if rules.has_perm("reviews.write_conversation_private", by, conversation):
        allowed |= MANAGER_FIELDS
    if rules.has_perm("reviews.write_conversation_employee", by, conversation):
        allowed |= EMPLOYEE_FIELDS
    refused = set(changes) - allowed
    if refused:
        raise PermissionDenied(f"You may not write {', '.join(sorted(refused))} here.")
    if "actions" in changes:
        changes["actions"] = clean_actions(changes["actions"])
    for name, value in changes.items():
        if name != "actions" and not isinstance(value, str):
            raise ValidationError({name: ["Give a text."]})
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().select_related("review__cycle").get(pk=conversation.pk)
        closed = {"notes", "private_notes", "actions", "employee_feedback"} & set(changes)
        if closed and locked.state == Conversation.State.ACKNOWLEDGED:
            raise Conflict("the conversation is acknowledged; only a disagreement can still be added",
                                locked.state)
        if locked.review.cycle.state == ReviewCycle.State.CLOSED:
            raise Conflict("the cycle is closed", locked.state)
        for name, value in changes.items():
            setattr(locked, name, value)
        if changes:
            locked.save(update_fields=[*sorted(changes), "updated_at"])
    return locked


def conversation_development_goal_add(
    *, conversation: Conversation, by: User, title: str, period: Period | None = None,
    due_date: dt.date | None = None, actions: str = "",
) -> DevelopmentGoal:
    """A development goal agreed in the conversation, for the next period (through the okrs service)."""
    if not rules.has_perm("reviews.lead_conversation", by, conversation):
        raise PermissionDenied("The manager records the development goals agreed in the conversation.")
    if conversation.state not in (Conversation.State.SCHEDULED, Conversation.State.HELD):
        raise Conflict("development goals are agreed in a scheduled or held conversation", conversation.state)
    return development_goal_create(
        by=by, person=conversation.review.person, title=title, period=period, due_date=due_date, actions=actions,
        source=DevelopmentGoal.Source.CONVERSATION,
    )
