"""What a cycle does to its reviews in bulk: carry finished work into the next phase, close a step HR skips,
catch a joiner up, freeze feedback at release. Set-based: one UPDATE per source state and one log row per
review or request moved (``run_bulk_transition``); flags say which steps were skipped, so the states never
claim work nobody did (``reviews/steps.py``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet

from cycles.models import ReviewCycle
from reviews import steps
from reviews.models import Conversation, FeedbackRequest, Review

from .runner import run_bulk_transition

C = ReviewCycle.State
# The review transition that closes each review-level step unfinished (calibration and the conversation are
# closed by their flag alone: the review's state does not depend on them).
SKIP_TRANSITIONS = {
    "goals": "skip_goals", "self_review": "skip_self_review", "feedback": "skip_feedback",
    "manager_review": "skip_manager_review",
}


def freeze_feedback(requests: QuerySet[FeedbackRequest], *, by, reason: str = "results released") -> list[int]:
    """Requests still open when their review is released can no longer change what the reviewee sees (feedback
    is frozen at release): they are closed as skipped, never as answered."""
    return run_bulk_transition(FeedbackRequest, "cancel", requests.filter(state__in=FeedbackRequest.OPEN_STATES),
                               by=by, reason=reason, update={"skipped": True})


def pending(cycle: ReviewCycle, step: str) -> QuerySet[Review]:
    """The cycle's reviews whose current, unfinished work is ``step`` (what skipping it would close)."""
    reviews = Review.objects.filter(cycle_id=cycle.pk, state__in=steps.PENDING[step], **{f"skipped_{step}": False})
    if step == "conversation":
        held = Conversation.objects.filter(review_id=OuterRef("pk"), state__in=steps.CONVERSATION_DONE)
        reviews = reviews.exclude(Exists(held))
    return reviews


def unfinished(cycle: ReviewCycle, step: str) -> QuerySet[Review]:
    """The cycle's reviews that have not done ``step`` (at it, or still at an earlier step), not skipped yet."""
    done_from = steps.ORDER.index(steps.DONE_FROM.get(step, Review.State.RELEASED))  # conversation: released
    reviews = Review.objects.filter(cycle_id=cycle.pk, state__in=steps.ORDER[:done_from],
                                    **{f"skipped_{step}": False})
    if step == "conversation":
        reviews = reviews | pending(cycle, "conversation")
    return reviews


def pending_requests(cycle: ReviewCycle) -> QuerySet[FeedbackRequest]:
    """Requests of the cycle not answered yet, of reviews still taking part."""
    return FeedbackRequest.objects.filter(cycle_id=cycle.pk, state__in=FeedbackRequest.OPEN_STATES).exclude(
        review__state=Review.State.WITHDRAWN)


def step_skip(cycle: ReviewCycle, step: str, *, by, reason: str, reviews: QuerySet[Review] | None = None) -> dict:
    """Close ``step`` unfinished for the cycle's reviews still at it (or for ``reviews``), flagged as skipped.

    Returns how many reviews (and, for feedback, requests) were closed."""
    if step not in steps.STEPS or not steps.applies(cycle, step):
        raise ValidationError({"step": [f"Choose one of the cycle's steps: {', '.join(applicable_steps(cycle))}."]})
    at_step = pending(cycle, step) if reviews is None else reviews.filter(state__in=steps.PENDING[step])
    closed = {"reviews": 0, "requests": 0}
    if step == "feedback":
        requests = pending_requests(cycle) if reviews is None else FeedbackRequest.objects.filter(
            review__in=reviews, state__in=FeedbackRequest.OPEN_STATES)
        closed["requests"] = len(run_bulk_transition(FeedbackRequest, "cancel", requests, by=by, reason=reason,
                                                     update={"skipped": True}))
    name = SKIP_TRANSITIONS.get(step)
    if name is not None:
        moved = run_bulk_transition(Review, name, at_step, by=by, reason=reason, update={f"skipped_{step}": True})
        closed["reviews"] = len(moved)
        if step == "goals" and cycle.state not in (C.GOAL_SETTING, C.TRACKING):
            # Goal setting is over for the whole cycle: the reviews enter the self-review that is already open.
            run_bulk_transition(Review, "open_self_review", Review.objects.filter(pk__in=moved), by=by,
                                reason=reason)
    else:
        closed["reviews"] = at_step.update(**{f"skipped_{step}": True})
    return closed


def applicable_steps(cycle: ReviewCycle) -> list[str]:
    return [step for step in steps.STEPS if steps.applies(cycle, step)]


# The steps a review joining mid-cycle has missed, by the cycle's phase: they are closed as skipped ("joined
# mid-cycle") so the joiner starts at the cycle's current step and no count says they did the others.
MISSED_BY_JOINERS = {
    C.SELF_REVIEW: ("goals",),
    C.FEEDBACK: ("goals",),
    C.MANAGER_REVIEW: ("goals", "self_review", "feedback"),
    C.CALIBRATION: ("goals", "self_review", "feedback"),
    C.CONVERSATIONS: ("goals", "self_review", "feedback"),
}


def joiners_catch_up(cycle: ReviewCycle, reviews: QuerySet[Review], *, by) -> None:
    for step in MISSED_BY_JOINERS.get(cycle.state, ()):
        step_skip(cycle, step, by=by, reason="joined mid-cycle", reviews=reviews)
