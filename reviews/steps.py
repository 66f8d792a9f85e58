"""The steps of a review and what "done" means for each: the one truth behind every count.

A cycle's phase move never completes a step on someone's behalf (``workflows/cycle.py``): a review whose
step is unfinished when the cycle moves on keeps that step open to its owner, as **late**. So a review's
state alone says how far it got, and its ``skipped_*`` flags say which steps HR closed unfinished. Every
screen, API, export and document that counts work asks this module.

Per step, a review (for ``feedback``: a feedback request) is exactly one of:
- ``done``: the step's work happened (a skipped step is never done);
- ``skipped``: HR closed the step unfinished, with a reason (``skip_unfinished``);
- ``late``: not done, and the step's phase is over or its deadline has passed;
- ``open``: not done yet, still in time.
"""

from __future__ import annotations

import datetime as dt

from cycles.models import ReviewCycle

from .models import Conversation, FeedbackRequest, Review

S = Review.State
C = ReviewCycle.State

STEPS = ("goals", "self_review", "feedback", "manager_review", "calibration", "conversation")
STATUSES = ("done", "open", "late", "skipped")

# A review's way through its states; withdrawn reviews count nowhere.
ORDER = (S.GOALS_DRAFT, S.GOALS_SUBMITTED, S.GOALS_AGREED, S.SELF_REVIEW, S.SELF_SUBMITTED, S.RESPONDENTS_APPROVED,
         S.MANAGER_SUBMITTED, S.CALIBRATED, S.RELEASED, S.ACKNOWLEDGED, S.CLOSED)
# The first state at which a review has done each review-level step.
DONE_FROM = {
    "goals": S.GOALS_AGREED,
    "self_review": S.SELF_SUBMITTED,
    "manager_review": S.MANAGER_SUBMITTED,
    "calibration": S.CALIBRATED,
}
# The states in which a step is the review's current, unfinished work (what ``skip_unfinished`` closes).
PENDING = {
    "goals": (S.GOALS_DRAFT, S.GOALS_SUBMITTED),
    "self_review": (S.GOALS_AGREED, S.SELF_REVIEW),
    "feedback": (S.SELF_SUBMITTED,),
    "manager_review": (S.RESPONDENTS_APPROVED,),
    "calibration": (S.MANAGER_SUBMITTED,),
    "conversation": (S.RELEASED, S.ACKNOWLEDGED),
}
# Feedback is counted per request: answered (or declined by the respondent) is done.
REQUEST_DONE = (FeedbackRequest.State.SUBMITTED, FeedbackRequest.State.DECLINED)
REQUEST_OPEN = FeedbackRequest.OPEN_STATES
CONVERSATION_DONE = (Conversation.State.HELD, Conversation.State.ACKNOWLEDGED)


def step_phase(cycle: ReviewCycle, step: str) -> str:
    """The cycle phase by whose end a step is due."""
    if step == "goals":
        return C.GOAL_SETTING
    if step == "feedback":
        return C.FEEDBACK if cycle.feedback_phase else C.SELF_REVIEW
    return {"self_review": C.SELF_REVIEW, "manager_review": C.MANAGER_REVIEW, "calibration": C.CALIBRATION,
            "conversation": C.CONVERSATIONS}[step]


def applies(cycle: ReviewCycle, step: str) -> bool:
    """Calibration is a step only in cycles with a calibration phase."""
    return step != "calibration" or cycle.calibration_phase


def _index(state: str) -> int:
    order = [s.value for s in C]
    return order.index(state) if state in order else -1


def phase_over(cycle: ReviewCycle, step: str) -> bool:
    """The cycle has moved past the step's phase (for goals: past tracking too, the period the goals serve)."""
    phase = C.TRACKING if step == "goals" else step_phase(cycle, step)
    return _index(cycle.state) > _index(phase)


def is_late(cycle: ReviewCycle, step: str, *, today: dt.date) -> bool:
    """Whether a step that is not done is late: its phase is over, or its deadline has passed."""
    if phase_over(cycle, step):
        return True
    deadline = cycle.deadline(step_phase(cycle, step))
    try:
        return bool(deadline) and dt.date.fromisoformat(deadline) < today
    except ValueError:
        return False


def review_done(review_state: str, step: str, *, skipped: bool, conversation_state: str | None = None) -> bool:
    """Whether a review has done a review-level step (``conversation`` needs its conversation's state)."""
    if skipped or review_state == S.WITHDRAWN:
        return False
    if step == "conversation":
        return conversation_state in CONVERSATION_DONE
    return review_state in ORDER and ORDER.index(review_state) >= ORDER.index(DONE_FROM[step])


def review_status(cycle: ReviewCycle, review: Review, step: str, *, today: dt.date,
                  conversation_state: str | None = None) -> str:
    """One review's status for one review-level step: done, skipped, late or open."""
    skipped = getattr(review, f"skipped_{step}")
    if skipped:
        return "skipped"
    if review_done(review.state, step, skipped=False, conversation_state=conversation_state):
        return "done"
    return "late" if is_late(cycle, step, today=today) else "open"


def current_step(review: Review) -> str | None:
    """The step a review is at now: the first one it has not done or skipped (None once every step is past)."""
    for step, states in PENDING.items():
        if review.state in states and not getattr(review, f"skipped_{step}"):
            return step
    return None
