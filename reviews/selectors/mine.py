"""Reads for "My reviews" and "My team": a person's own reviews across cycles, and the reviews of a manager's
reports in the current cycles, each with the deadline of the step it is at and its results conversation.

Both are one page of rows in a fixed number of queries, whatever the size of the team or the organisation:
the rows with their cycle, scale, person and conversation joined, the scales' levels prefetched, and for the
team one conditional count for the two groups.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from common.paging import page_number
from cycles.models import ReviewCycle, ScaleLevel
from people.roles import roles_of

from ..models import CalibrationSession, FeedbackRequest, Review
from .reviews import reviews_visible_to
from .tasks import LIVE_CYCLE, task_row

S = Review.State
PER_PAGE = 25
# Live cycles at once are a handful; the filter offers the newest.
LIVE_CYCLES_SHOWN = 20

# The phase whose deadline a review in this state is working towards (None: nothing left to do by a date).
STEP_PHASE = {
    S.GOALS_DRAFT: "goal_setting", S.GOALS_SUBMITTED: "goal_setting", S.GOALS_AGREED: "self_review",
    S.SELF_REVIEW: "self_review", S.SELF_SUBMITTED: "self_review", S.RESPONDENTS_APPROVED: "manager_review",
    S.MANAGER_SUBMITTED: "calibration", S.CALIBRATED: "calibration", S.RELEASED: "conversations",
}
# States whose step is somebody's to finish: past the deadline they read as overdue.
OPEN_STEPS = (S.GOALS_DRAFT, S.GOALS_SUBMITTED, S.SELF_REVIEW, S.SELF_SUBMITTED, S.RESPONDENTS_APPROVED, S.RELEASED)

# Feedback the person was asked to give, listed beside their own reviews (newest first).
GIVEN_SHOWN = 25

LEVELS = Prefetch("cycle__final_scale__levels", queryset=ScaleLevel.objects.order_by("position", "value"))


def step_deadline(review: Review) -> dt.date | None:
    """The deadline of the step the review is at, from its cycle's phase deadlines."""
    phase = STEP_PHASE.get(review.state)
    cycle = review.cycle
    if phase == "manager_review" and cycle.state == ReviewCycle.State.FEEDBACK:
        phase = "feedback"  # the respondents answer first
    if phase == "calibration" and not cycle.calibration_phase:
        phase = "conversations"
    return _date(cycle.deadline(phase) if phase else None)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _row(review: Review, *, today: dt.date, rating_visible: bool) -> dict[str, Any]:
    deadline = step_deadline(review)
    rating = review.final_rating if rating_visible else None
    levels = {level.value: level.label for level in review.cycle.final_scale.levels.all()}
    # The reverse one-to-one is joined; a review without a conversation raises instead of querying.
    conversation = getattr(review, "conversation", None) if review.is_released else None
    return {
        "review": review, "cycle": review.cycle, "person": review.person, "state": review.state,
        "deadline": deadline, "overdue": deadline is not None and deadline < today and review.state in OPEN_STEPS,
        "rating": rating, "rating_label": levels.get(rating, "") if rating is not None else "",
        "conversation": conversation,
    }


def _page(qs: QuerySet[Review], page: Any) -> tuple[list[Review], dict[str, Any]]:
    number = page_number(page)
    rows = list(qs[(number - 1) * PER_PAGE: number * PER_PAGE + 1])
    pager = {"page": number, "previous": number - 1 if number > 1 else None,
             "next": number + 1 if len(rows) > PER_PAGE else None}
    return rows[:PER_PAGE], pager


def _rows_queryset(qs: QuerySet[Review]) -> QuerySet[Review]:
    return qs.select_related("cycle__final_scale", "person__unit", "manager", "conversation").prefetch_related(LEVELS)


def my_reviews(user, *, today: dt.date, page: Any = 1) -> dict[str, Any]:
    """The caller's own reviews, current and past, newest cycle first: state, the current step's deadline, and
    the final rating once released (the employee reads it only from release on, as on the review page)."""
    me = roles_of(user).person
    if me is None:
        return {"rows": [], "pager": {"page": 1, "previous": None, "next": None}, "given": []}
    qs = _rows_queryset(Review.objects.filter(person_id=me.pk).exclude(cycle__state=ReviewCycle.State.DRAFT))
    reviews, pager = _page(qs.order_by("-cycle__created_at", "-cycle_id"), page)
    return {"rows": [_row(r, today=today, rating_visible=r.is_released) for r in reviews], "pager": pager,
            "given": feedback_given(user, today=today)}


def feedback_given(user, *, today: dt.date) -> list[dict[str, Any]]:
    """The feedback requests the caller answers or answered as a respondent (once they went out), newest first,
    each with the deadline while it is still to answer: one query."""
    me = roles_of(user).person
    if me is None:
        return []
    requests = FeedbackRequest.objects.filter(
        respondent_id=me.pk, state__in=FeedbackRequest.RESPONDENT_STATES,
    ).select_related("cycle", "review__person").order_by("-cycle__created_at", "-pk")[:GIVEN_SHOWN]
    rows = []
    for request in requests:
        cycle = request.cycle
        deadline = None
        if request.state == FeedbackRequest.State.APPROVED:  # the inbox's deadline for this task
            deadline = _date(task_row("give_feedback", cycle, review=None, person=None)["deadline"])
        rows.append({"request": request, "cycle": cycle, "person": request.review.person, "state": request.state,
                     "deadline": deadline, "overdue": deadline is not None and deadline < today})
    return rows


def my_team(user, *, today: dt.date, group: str = "direct", cycle: Any = None, page: Any = 1) -> dict[str, Any]:
    """The reviews of the caller's reports in the live cycles: ``direct`` (the caller writes their manager
    review) or ``deeper`` (everyone further down the reporting line). Each row has the review's state, the
    current step's deadline, the rating and the results conversation; the cycles calibrated by the caller
    come along so the page can link their calibration."""
    me = roles_of(user).person
    empty = {"rows": [], "pager": {"page": 1, "previous": None, "next": None}, "counts": {"direct": 0, "deeper": 0},
             "group": group, "cycles": [], "cycle": None, "calibrating": []}
    if me is None or not me.lineage:
        return empty
    cycles = list(ReviewCycle.objects.exclude(state__in=[ReviewCycle.State.DRAFT, ReviewCycle.State.CLOSED])
                  .order_by("-created_at", "-pk")[:LIVE_CYCLES_SHOWN])
    chosen = next((c for c in cycles if str(c.pk) == str(cycle)), None)
    team = reviews_visible_to(user).filter(LIVE_CYCLE, person__lineage__startswith=me.lineage).exclude(
        person_id=me.pk).exclude(state=S.WITHDRAWN)
    if chosen is not None:
        team = team.filter(cycle_id=chosen.pk)
    counts = team.aggregate(direct=Count("pk", filter=Q(manager_id=me.pk)),
                            deeper=Count("pk", filter=~Q(manager_id=me.pk)))
    group = group if group in ("direct", "deeper") else "direct"
    scoped = team.filter(manager_id=me.pk) if group == "direct" else team.exclude(manager_id=me.pk)
    reviews, pager = _page(_rows_queryset(scoped).order_by("person__full_name", "person_id", "-cycle_id"), page)
    calibrating = set(CalibrationSession.objects.filter(
        cycle__in=[c.pk for c in cycles], participants=me.pk).values_list("cycle_id", flat=True))
    return {
        "rows": [_row(r, today=today, rating_visible=True) for r in reviews], "pager": pager, "counts": counts,
        "group": group, "cycles": cycles, "cycle": chosen,
        "calibrating": [c for c in cycles if c.pk in calibrating],
    }
