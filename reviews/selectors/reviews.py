"""Reads of reviews, always scoped to the user asking, in a fixed number of queries.

Lists load their rows with ``review_queryset()`` and then attach the person's goals and the review's requests
for the whole page at once (``attach_review_context``); everything after that (questions, visible parts,
transitions) is computed from memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from common.access import fetch
from cycles.models import Question, ReviewCycle
from okrs.models import DevelopmentGoal, Objective
from people.selectors import person_scope_q

from ..content import expand
from ..models import FeedbackRequest, Review
from ..rules import is_reviewee
from .anonymity import feedback_mode, request_state_for, review_feedback, threshold_warnings

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
        "manager", "unit", "feedback_snapshot",
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
        if not reviewee:
            # For HR and the manager: a group nominated too thin to ever reach the anonymity threshold.
            parts["feedback_warnings"] = threshold_warnings(review)
    return parts


def cycle_reviews_matching(user, cycle: ReviewCycle, query: str, *, limit: int = 20) -> list[Review]:
    """Reviews of the cycle the user may read whose person's name or email contains ``query`` (one query)."""
    query = query.strip()
    if not query:
        return []
    return list(
        reviews_visible_to(user).filter(cycle=cycle).filter(
            Q(person__full_name__icontains=query) | Q(person__user__email__icontains=query)
        ).select_related("person", "manager").order_by("person__full_name", "pk")[:limit]
    )
