"""Reads of results conversations: the conversation as a reader may see it, its agenda and its invite.

The conversation is fetched with its review through ``review_detail`` (the review's visibility, a fixed
number of queries); the agenda is built from ``review_parts(review, user)``, so it never shows a reader
more of the review than the review page would (the feedback per ``feedback_mode``, no potential for the
employee). The private notes are in ``conversation_parts`` only for the manager's side.
"""

from __future__ import annotations

from typing import Any

import rules

from common.access import fetch
from common.ics import Attendee, invite_ics
from okrs import scoring
from okrs.models import DevelopmentGoal

from ..models import Conversation, Review
from .reviews import review_detail, review_parts, reviews_visible_to

FIELDS = ("notes", "actions", "employee_feedback", "disagreement")


def conversations_visible_to(user):
    """Conversations of reviews the user reads; the employee's own only once the results are released."""
    return Conversation.objects.filter(review__in=reviews_visible_to(user)).exclude(
        review__person__user_id=user.pk, review__state__in=[
            s for s in Review.State.values if s not in Review.RELEASED_STATES
        ],
    )


def conversation_detail(user, conversation_id: Any) -> Conversation:
    """The conversation with its review loaded for ``user`` (404 when they may not see it)."""
    conversation = fetch(conversations_visible_to(user), conversation_id, message="No such conversation.")
    conversation.review = review_detail(user, conversation.review_id)
    return conversation


def conversation_of_review(review: Review) -> Conversation | None:
    conversation = Conversation.objects.filter(review_id=review.pk).first()
    if conversation is not None:
        conversation.review = review
    return conversation


def conversation_parts(conversation: Conversation, user) -> dict[str, Any]:
    """What ``user`` may read of the conversation; ``private_notes`` only for the manager's side and HR."""
    data: dict[str, Any] = {
        "id": conversation.pk, "review": conversation.review_id, "state": conversation.state,
        "scheduled_at": conversation.scheduled_at, "duration_minutes": conversation.duration_minutes,
        "held_at": conversation.held_at,
        "employee_acknowledged_at": conversation.employee_acknowledged_at,
        "manager_acknowledged_at": conversation.manager_acknowledged_at,
        **{name: getattr(conversation, name) for name in FIELDS},
    }
    if rules.has_perm("reviews.view_conversation_private", user, conversation):
        data["private_notes"] = conversation.private_notes
    return data


def conversation_agenda(conversation: Conversation, user) -> dict[str, Any]:
    """The agenda from the loaded review: final rating and reason, goal scores, what the feedback said,
    the development goals to review. No query of its own beyond what ``review_detail`` loaded."""
    review = conversation.review
    parts = review_parts(review, user)
    labels = {level.value: level.label for level in review.cycle.final_scale.levels.all()}
    questions = {q.pk: q.text for q in review.cycle.template.questions.all() if q.author == "respondent"}
    themes: dict[str, list[str]] = {}
    for group in parts.get("feedback") or []:
        for comment in group["comments"]:
            themes.setdefault(questions.get(comment["question"], ""), []).append(comment["text"])
    final = parts.get("final_rating")
    statuses = dict(DevelopmentGoal.Status.choices)
    return {
        "final_rating": final, "final_label": labels.get(final, "") if final is not None else "",
        "calibration_reason": parts.get("calibration_reason") or "",
        "goals": [{**g, "zone": scoring.zone(g["score"])} for g in parts["goals"]],
        "feedback": [{"question": q, "comments": texts} for q, texts in themes.items()],
        "development_goals": [{**g, "status_label": statuses.get(g["status"], g["status"])}
                              for g in parts["development_goals"]],
    }


def conversation_development_goals(conversation: Conversation) -> list[DevelopmentGoal]:
    """The development goals agreed in this conversation (source=conversation, since it was planned)."""
    return list(DevelopmentGoal.objects.filter(
        person_id=conversation.review.person_id, source=DevelopmentGoal.Source.CONVERSATION,
        created_at__gte=conversation.created_at,
    ).select_related("period").order_by("pk"))


def conversation_ics(conversation: Conversation, *, url: str = "") -> bytes:
    """An iCalendar invite (one VEVENT, stable UID so a rescheduled invite replaces the first one)."""
    review = conversation.review
    people = [Attendee(p.email, p.full_name, role) for p, role in ((review.manager, "CHAIR"),
                                                                   (review.person, "REQ-PARTICIPANT"))
              if p is not None and p.email]
    return invite_ics(
        uid=f"conversation-{conversation.pk}@perfcycle", product="results conversation",
        start=conversation.scheduled_at, minutes=conversation.duration_minutes,
        sequence=int(conversation.updated_at.timestamp()) % 100000 if conversation.updated_at else 0,
        summary=f"Results conversation: {review.person.full_name} ({review.cycle.name})", url=url,
        organizer=next((p for p in people if p.role == "CHAIR"), None),
        attendees=[p for p in people if p.role != "CHAIR"],
    )
