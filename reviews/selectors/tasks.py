"""The work waiting for people: the "my tasks" inbox across roles, goals awaiting the user's agreement, and every
open task due on given days (for reminders, set-based across the whole organisation). Task kinds, their states
and their deadlines are named once here, so the inbox and the reminders never disagree."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q

from cycles.models import ReviewCycle
from okrs.models import Objective
from people.models import Person
from people.roles import roles_of

from .. import steps
from ..models import Conversation, FeedbackRequest, Review

TASK_PHASE = {
    "submit_goals": "goal_setting", "agree_goals": "goal_setting", "write_self_review": "self_review",
    "approve_respondents": "self_review", "give_feedback": "feedback", "write_manager_review": "manager_review",
    "acknowledge": "conversations", "hold_conversation": "conversations",
}


OWN_TASKS = {
    Review.State.GOALS_DRAFT: "submit_goals", Review.State.SELF_REVIEW: "write_self_review",
    Review.State.RELEASED: "acknowledge",
}


MANAGER_TASKS = {
    Review.State.GOALS_SUBMITTED: "agree_goals", Review.State.SELF_SUBMITTED: "approve_respondents",
    Review.State.RESPONDENTS_APPROVED: "write_manager_review",
}


LIVE_CYCLE = ~Q(cycle__state__in=[ReviewCycle.State.DRAFT, ReviewCycle.State.CLOSED])
# A manager review is due from the manager-review phase on: written late, it is still the manager's to write.
MANAGER_REVIEW_PHASES = (ReviewCycle.State.MANAGER_REVIEW, ReviewCycle.State.CALIBRATION,
                         ReviewCycle.State.CONVERSATIONS)
# Released results whose conversation has not been held (and was not skipped): the manager's to hold.
TO_HOLD = (Q(state__in=[Review.State.RELEASED, Review.State.ACKNOWLEDGED], skipped_conversation=False,
             cycle__state=ReviewCycle.State.CONVERSATIONS)
           & ~Q(conversation__state__in=[Conversation.State.HELD, Conversation.State.ACKNOWLEDGED]))


def tasks_for(user) -> list[dict[str, Any]]:
    """The "my tasks" inbox across roles, built from two queries (no task table).

    Each task: ``{"kind", "deadline", "cycle", "review", "request", "person"}`` where ``person`` is
    the reviewee; ``deadline`` comes from the cycle's deadline of the task's phase.
    """
    me = roles_of(user).person
    if me is None:
        return []
    tasks: list[dict[str, Any]] = []
    reviews = Review.objects.filter(
        LIVE_CYCLE,
        Q(person_id=me.pk, state__in=list(OWN_TASKS)) | Q(manager_id=me.pk, state__in=list(MANAGER_TASKS))
        | (TO_HOLD & Q(manager_id=me.pk)),
    ).annotate(conversation_state=F("conversation__state")).select_related("cycle", "person").order_by(
        "cycle_id", "person__full_name", "pk")
    for review in reviews:
        kinds = []
        if review.person_id == me.pk and review.state in OWN_TASKS:
            kinds.append(OWN_TASKS[review.state])
        if review.manager_id == me.pk and review.state in MANAGER_TASKS:
            kind = MANAGER_TASKS[review.state]
            if kind != "write_manager_review" or review.cycle.state in MANAGER_REVIEW_PHASES:
                kinds.append(kind)
        if (review.manager_id == me.pk and review.state in (Review.State.RELEASED, Review.State.ACKNOWLEDGED)
                and review.cycle.state == ReviewCycle.State.CONVERSATIONS and not review.skipped_conversation
                and review.conversation_state not in steps.CONVERSATION_DONE):
            kinds.append("hold_conversation")
        for kind in kinds:
            tasks.append(task_row(kind, review.cycle, review=review, person=review.person))
    requests = FeedbackRequest.objects.filter(
        LIVE_CYCLE, respondent_id=me.pk, state=FeedbackRequest.State.APPROVED
    ).select_related("cycle", "review__person").order_by("pk")
    for request in requests:
        person = request.review.person
        tasks.append(task_row("give_feedback", request.cycle, review=None, request=request, person=person))
    tasks.sort(key=lambda t: (t["deadline"] or "9999-12-31", t["kind"]))
    return tasks


def task_row(kind: str, cycle: ReviewCycle, *, review: Review | None, person, request=None) -> dict[str, Any]:
    phase = TASK_PHASE[kind]
    if phase == "feedback" and not cycle.feedback_phase:
        phase = "self_review"
    return {"kind": kind, "deadline": cycle.deadline(phase), "cycle": cycle, "review": review, "request": request,
            "person": person}


# The inbox's order of groups: what the user writes first, then what they approve, then what they answer.
KIND_ORDER = ("agree_objective", "submit_goals", "agree_goals", "write_self_review", "approve_respondents",
              "give_feedback", "write_manager_review", "hold_conversation", "acknowledge")


KIND_STEP = {"submit_goals": "goals", "agree_goals": "goals", "write_self_review": "self_review",
             "approve_respondents": "feedback", "give_feedback": "feedback", "write_manager_review": "manager_review",
             "hold_conversation": "conversation", "acknowledge": "conversation"}


def objectives_to_agree(user) -> list[Objective]:
    """Proposed objectives whose owner (personal) or unit lead (unit, team) reports to the user: one query."""
    me = roles_of(user).person
    if me is None:
        return []
    # The reports' ids first (a small indexed read), so the owner and unit indexes find the few candidates:
    # an OR across joins, or over subqueries, reads every objective of the organisation.
    pairs = Person.objects.filter(manager_id=me.pk).values_list("pk", "led_units__pk")
    reports = {person for person, _ in pairs}
    led_units = {unit for _, unit in pairs if unit is not None}
    return list(
        Objective.objects.filter(state=Objective.State.PROPOSED).filter(
            Q(level=Objective.Level.PERSONAL, owner_id__in=reports)
            | Q(level__in=[Objective.Level.UNIT, Objective.Level.TEAM], unit_id__in=led_units)
        ).select_related("owner", "unit", "period").order_by("period__start", "pk")
    )


def _as_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def inbox(user, *, today: datetime.date) -> list[dict[str, Any]]:
    """The "my tasks" page: ``[{"kind", "tasks": [task + "due", "overdue"]}]`` in KIND_ORDER (three queries)."""
    tasks = list(tasks_for(user))
    for objective in objectives_to_agree(user):
        tasks.append({"kind": "agree_objective", "deadline": None, "cycle": None, "review": None, "request": None,
                      "person": objective.owner, "objective": objective})
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for task in tasks:
        due = _as_date(task["deadline"])
        # Late: its deadline passed, or its phase is over (the work is still the person's to do).
        late = task["cycle"] is not None and steps.is_late(task["cycle"], KIND_STEP[task["kind"]], today=today)
        groups[task["kind"]].append({**task, "due": due, "overdue": (due is not None and due < today) or late})
    return [{"kind": kind, "tasks": groups[kind]} for kind in KIND_ORDER if groups.get(kind)]


def tasks_due(days: Iterable[datetime.date]) -> list[dict[str, Any]]:
    """Every open task whose deadline falls on one of ``days``, across the organisation.

    ``[{"kind", "deadline", "cycle", "review", "request", "recipient_id", "person"}]``: at most one query
    for the cycles, one for the reviews and one for the requests, whatever the number of people.
    """
    wanted = {d.isoformat() for d in days}
    live = ReviewCycle.objects.exclude(state__in=[ReviewCycle.State.DRAFT, ReviewCycle.State.CLOSED])
    cycles = [c for c in live if c.deadlines]
    due_kinds: dict[int, set[str]] = {}
    for cycle in cycles:
        kinds = {kind for kind in TASK_PHASE if task_row(kind, cycle, review=None, person=None)["deadline"] in wanted}
        if cycle.state not in MANAGER_REVIEW_PHASES:
            kinds.discard("write_manager_review")  # the inbox offers it only from that phase on
        kinds.discard("hold_conversation")  # its invite and the conversation page remind; no deadline email
        if kinds:
            due_kinds[cycle.pk] = kinds
    if not due_kinds:
        return []
    by_pk = {c.pk: c for c in cycles}
    states_of = {kind: state for state, kind in {**OWN_TASKS, **MANAGER_TASKS}.items()}
    review_q = Q()
    for cycle_id, kinds in due_kinds.items():
        states = [states_of[k] for k in kinds if k in states_of]
        if states:
            review_q |= Q(cycle_id=cycle_id, state__in=states)
    tasks: list[dict[str, Any]] = []
    if review_q:
        for review in Review.objects.filter(review_q).select_related("person").order_by("pk"):
            cycle = by_pk[review.cycle_id]
            if review.state in OWN_TASKS:
                kind, recipient = OWN_TASKS[review.state], review.person_id
            else:
                kind, recipient = MANAGER_TASKS[review.state], review.manager_id
            if recipient is None:
                continue
            tasks.append({**task_row(kind, cycle, review=review, person=review.person), "recipient_id": recipient})
    feedback_cycles = [cid for cid, kinds in due_kinds.items() if "give_feedback" in kinds]
    if feedback_cycles:
        requests = FeedbackRequest.objects.filter(
            cycle_id__in=feedback_cycles, state=FeedbackRequest.State.APPROVED
        ).select_related("review__person").order_by("pk")
        for request in requests:
            cycle = by_pk[request.cycle_id]
            row = task_row("give_feedback", cycle, review=None, request=request, person=request.review.person)
            tasks.append({**row, "recipient_id": request.respondent_id})
    return tasks
