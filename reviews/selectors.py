"""Reads of reviews and feedback requests, always scoped to the user asking, in a fixed number of queries.

Lists load their rows with ``review_queryset()`` / ``request_queryset()`` and then attach the
person's goals and the review's requests for the whole page at once (``attach_review_context`` /
``attach_request_context``); everything after that (questions, visible parts, transitions) is
computed from memory.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from common.access import fetch
from cycles.models import Question, ReviewCycle
from okrs.models import DevelopmentGoal, Objective
from people.roles import roles_of
from people.selectors import person_scope_q

from .content import expand, feedback_groups, weighted_score
from .models import FeedbackRequest, Review
from .rules import is_above_reviewee, is_partner_of_reviewee, is_respondent, is_review_manager, is_reviewee

QUESTIONS = Prefetch(
    "cycle__template__questions", queryset=Question.objects.select_related("scale").prefetch_related("scale__levels")
)
# The self-review stays private to the employee while they still write it.
SELF_DRAFT_STATES = (
    Review.State.GOALS_DRAFT, Review.State.GOALS_SUBMITTED, Review.State.GOALS_AGREED, Review.State.SELF_REVIEW,
)


def reviews_visible_to(user) -> QuerySet[Review]:
    """Own review, reports' reviews at any depth, reviews of the HR partner's units, all for HR admin."""
    return Review.objects.filter(person_scope_q(user, prefix="person__"))


def review_queryset(qs: QuerySet[Review] | None = None) -> QuerySet[Review]:
    """Reviews with everything their page and API rows read, joined or prefetched (a fixed number of queries)."""
    qs = Review.objects.all() if qs is None else qs
    return qs.select_related(
        "cycle__template", "cycle__final_scale", "cycle__potential_scale", "person__unit", "person__user",
        "manager", "unit",
    ).prefetch_related(QUESTIONS, "cycle__final_scale__levels", "cycle__potential_scale__levels", "cycle__periods")


def attach_review_context(reviews: Sequence[Review], *, requests: bool = True) -> None:
    """Load the people's goals of their cycle's periods (and the reviews' requests) for all rows at once."""
    if not reviews:
        return
    person_ids = {r.person_id for r in reviews}
    period_ids = {p.pk for r in reviews for p in r.cycle.periods.all()}
    goals: dict[int, list[Objective]] = defaultdict(list)
    development: dict[int, list[DevelopmentGoal]] = defaultdict(list)
    if period_ids:
        for goal in Objective.objects.filter(owner_id__in=person_ids, period_id__in=period_ids).select_related(
            "period"
        ).order_by("period__start", "pk"):
            goals[goal.owner_id].append(goal)
        for goal in DevelopmentGoal.objects.filter(person_id__in=person_ids, period_id__in=period_ids).order_by(
            "due_date", "pk"
        ):
            development[goal.person_id].append(goal)
    by_review: dict[int, list[FeedbackRequest]] = defaultdict(list)
    if requests:
        for request in FeedbackRequest.objects.filter(review_id__in=[r.pk for r in reviews]).select_related(
            "respondent"
        ).prefetch_related(Prefetch("goals", queryset=Objective.objects.only("pk", "title"))).order_by("pk"):
            by_review[request.review_id].append(request)
    for review in reviews:
        periods = {p.pk for p in review.cycle.periods.all()}
        review._goals = [g for g in goals[review.person_id] if g.period_id in periods]
        review._development_goals = [g for g in development[review.person_id] if g.period_id in periods]
        if requests:
            review._requests = by_review[review.pk]
            for request in review._requests:
                request.review = review  # the loaded review, not a query per request


def with_review_context(review: Review) -> Review:
    """A single review with its context loaded (fresh from the database when it lacks the joins)."""
    if not hasattr(review, "_goals"):
        review = review_queryset().get(pk=review.pk)
        attach_review_context([review])
    return review


def review_detail(user, review_id: Any) -> Review:
    """Everything a review page shows, respecting visibility (404 otherwise); ``review_parts`` renders it."""
    review = fetch(review_queryset(reviews_visible_to(user)), review_id, message="No such review.")
    attach_review_context([review])
    return review


def review_questions(review: Review, *, authors: Sequence[str]) -> list[dict[str, Any]]:
    review = with_review_context(review)
    return expand(
        review.cycle.template.questions.all(), authors, goals=review._goals,
        development_goals=review._development_goals,
    )


def review_goal_ids(review: Review) -> set[int]:
    return {g.pk for g in with_review_context(review)._goals}


def feedback_mode(review: Review, user) -> str | None:
    """How ``user`` may read the review's feedback: ``named``, ``anonymous`` (groups above the threshold),
    or None. See reviews/README.md for the decision per anonymity mode."""
    anonymity = review.cycle.anonymity
    if is_reviewee.test(user, review):
        if not review.is_released or anonymity == ReviewCycle.Anonymity.MANAGER_ONLY:
            return None
        return "named" if anonymity == ReviewCycle.Anonymity.NAMED else "anonymous"
    if roles_of(user).hr_admin or is_partner_of_reviewee.test(user, review):
        return "named"
    if is_review_manager.test(user, review) or is_above_reviewee.test(user, review):
        return "anonymous" if anonymity == ReviewCycle.Anonymity.ANONYMOUS else "named"
    return None


def review_feedback(review: Review, mode: str) -> dict[str, Any]:
    submitted = [r for r in review._requests if r.state == FeedbackRequest.State.SUBMITTED]
    threshold = review.cycle.anonymity_threshold if mode == "anonymous" else None
    groups = feedback_groups(submitted, review.cycle.template.questions.all(), named=mode == "named",
                             threshold=threshold)
    if mode == "anonymous":
        # Comments in the order the requests were made would line up with the respondent list; shuffled,
        # seeded by the review so every channel and every reload shows the same order.
        for group in groups:
            random.Random(f"{review.pk}:{group['group']}").shuffle(group["comments"])  # noqa: S311
    return {"groups": groups, "score": weighted_score(groups, review.cycle.group_weights or {})}


def request_state_for(request: FeedbackRequest, user) -> str:
    """The request's state as ``user`` may know it.

    Unless feedback is named, the reviewee learns that a request went out, not whether that respondent
    answered or declined: knowing who answered would undo the anonymity of the answers. Such requests read
    as ``approved`` to them.
    """
    if (
        request.state in (FeedbackRequest.State.SUBMITTED, FeedbackRequest.State.DECLINED)
        and request.review.cycle.anonymity != ReviewCycle.Anonymity.NAMED
        and is_reviewee.test(user, request.review)
    ):
        return FeedbackRequest.State.APPROVED
    return request.state


def _request_row(request: FeedbackRequest, user) -> dict[str, Any]:
    return {
        "id": request.pk, "respondent": {"id": request.respondent_id, "full_name": request.respondent.full_name},
        "group": request.group, "state": request_state_for(request, user),
        "goals": [g.pk for g in request.goals.all()],
    }


def review_parts(review: Review, user) -> dict[str, Any]:
    """The parts of a loaded review that ``user`` may read; absent keys are parts they may not see."""
    reviewee = is_reviewee.test(user, review)
    parts: dict[str, Any] = {
        "questions": review_questions(review, authors=("self", "manager")),
        "goals": [
            {"id": g.pk, "title": g.title, "score": float(g.score), "period": g.period.code, "private": g.private,
             "public": g.pk in (review.public_goals or [])}
            for g in review._goals
        ],
        "development_goals": [{"id": g.pk, "title": g.title, "status": g.status} for g in review._development_goals],
    }
    if reviewee or review.state not in SELF_DRAFT_STATES:
        parts["self_review"] = {"answers": review.self_answers, "public_goals": review.public_goals,
                                "version": review.version}
    if not reviewee or review.is_released:
        parts["manager_review"] = {"answers": review.manager_answers, "final_rating": review.preliminary_rating,
                                   "version": review.version}
        if not reviewee:
            parts["manager_review"]["potential"] = review.potential
        parts["final_rating"] = review.final_rating
        parts["calibration_reason"] = review.calibration_reason
    if hasattr(review, "_requests"):
        parts["respondents"] = [_request_row(r, user) for r in review._requests]
        mode = feedback_mode(review, user)
        if mode is not None:
            feedback = review_feedback(review, mode)
            parts["feedback"] = feedback["groups"]
            parts["feedback_score"] = feedback["score"]
    return parts


# Feedback requests ---------------------------------------------------------------------------------


def feedback_requests_visible_to(user) -> QuerySet[FeedbackRequest]:
    """Requests addressed to the user once they went out, and the requests of every review they may read."""
    roles = roles_of(user)
    if roles.hr_admin:
        return FeedbackRequest.objects.all()
    me = roles.person
    q = person_scope_q(user, prefix="review__person__")
    if me is not None:
        q |= Q(respondent_id=me.pk, state__in=FeedbackRequest.RESPONDENT_STATES)
    return FeedbackRequest.objects.filter(q)


def request_queryset(qs: QuerySet[FeedbackRequest] | None = None) -> QuerySet[FeedbackRequest]:
    qs = FeedbackRequest.objects.all() if qs is None else qs
    return qs.select_related(
        "review__person__unit", "review__person__user", "review__cycle__template", "respondent",
    ).prefetch_related(
        Prefetch("goals", queryset=Objective.objects.only("pk", "title")),
        Prefetch("review__cycle__template__questions",
                 queryset=Question.objects.select_related("scale").prefetch_related("scale__levels")),
    )


def attach_request_context(requests: Sequence[FeedbackRequest]) -> None:
    """The goals the reviewees made public, for all rows in one query."""
    ids = {g for r in requests for g in (r.review.public_goals or [])}
    titles = dict(Objective.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}
    for request in requests:
        request._public_goals = [
            Objective(pk=pk, title=titles[pk]) for pk in (request.review.public_goals or []) if pk in titles
        ]


def feedback_request_detail(user, request_id: Any) -> FeedbackRequest:
    request = fetch(request_queryset(feedback_requests_visible_to(user)), request_id,
                    message="No such feedback request.")
    attach_request_context([request])
    return request


def request_questions(request: FeedbackRequest) -> list[dict[str, Any]]:
    """The respondent's questions: goal questions for the named goals and the goals made public."""
    if not hasattr(request, "_public_goals"):
        attach_request_context([request])
    named = list(request.goals.all())
    seen = {g.pk for g in named}
    goals = named + [g for g in request._public_goals if g.pk not in seen]
    return expand(request.review.cycle.template.questions.all(), ("respondent",), goals=goals)


def request_answers_visible(request: FeedbackRequest, user) -> bool:
    """The respondent, and whoever reads the review's feedback with names (never the reviewee)."""
    if is_respondent.test(user, request):
        return True
    return feedback_mode(request.review, user) == "named" and not is_reviewee.test(user, request.review)


# Inbox and progress ---------------------------------------------------------------------------------

TASK_PHASE = {
    "submit_goals": "goal_setting", "agree_goals": "goal_setting", "write_self_review": "self_review",
    "approve_respondents": "self_review", "give_feedback": "feedback", "write_manager_review": "manager_review",
    "acknowledge": "conversations",
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
        Q(person_id=me.pk, state__in=list(OWN_TASKS)) | Q(manager_id=me.pk, state__in=list(MANAGER_TASKS)),
    ).select_related("cycle", "person").order_by("cycle_id", "person__full_name", "pk")
    for review in reviews:
        kinds = []
        if review.person_id == me.pk and review.state in OWN_TASKS:
            kinds.append(OWN_TASKS[review.state])
        if review.manager_id == me.pk and review.state in MANAGER_TASKS:
            kind = MANAGER_TASKS[review.state]
            if kind != "write_manager_review" or review.cycle.state == ReviewCycle.State.MANAGER_REVIEW:
                kinds.append(kind)
        for kind in kinds:
            tasks.append(_task(kind, review.cycle, review=review, person=review.person))
    requests = FeedbackRequest.objects.filter(
        LIVE_CYCLE, respondent_id=me.pk, state=FeedbackRequest.State.APPROVED
    ).select_related("cycle", "review__person").order_by("pk")
    for request in requests:
        tasks.append(_task("give_feedback", request.cycle, review=None, request=request, person=request.review.person))
    tasks.sort(key=lambda t: (t["deadline"] or "9999-12-31", t["kind"]))
    return tasks


def _task(kind: str, cycle: ReviewCycle, *, review: Review | None, person, request=None) -> dict[str, Any]:
    phase = TASK_PHASE[kind]
    if phase == "feedback" and not cycle.feedback_phase:
        phase = "self_review"
    return {"kind": kind, "deadline": cycle.deadline(phase), "cycle": cycle, "review": review, "request": request,
            "person": person}
