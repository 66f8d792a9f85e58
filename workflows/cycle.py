"""CycleFlow: a review cycle's phases, each carrying the cycle's reviews along in bulk.

draft → goal_setting (launch: one review per participant) → tracking → self_review → feedback →
manager_review → calibration → conversations (release_results) → closed. The feedback and
calibration phases are optional per cycle: when switched off, ``open_manager_review`` runs straight
from self_review and ``release_results`` straight from manager_review.

What each phase move does to the reviews (one UPDATE per source state, one log row per review):
- ``open_self_review``: goals_* → self_review (goal setting is over, agreed or not);
- ``open_manager_review``: self_review and self_submitted → respondents_approved (the self-review
  closes as it stands so every manager can write); nominations never approved are cancelled;
- ``release_results``: manager_submitted and calibrated → released (an uncalibrated review keeps the
  manager's preliminary rating as final);
- ``close``: released and acknowledged → closed; requests never answered are cancelled.
``start_tracking``, ``open_feedback`` and ``start_calibration`` move no review.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cycles.models import ReviewCycle
from reviews.models import FeedbackRequest, Review
from reviews.services import reviews_create_missing

from .base import Flow, flow_state, may
from .registry import register
from .runner import run_bulk_transition

S = ReviewCycle.State


class Refusal:
    """A failed condition's result that says why: the runner reports the result's ``message`` (409)."""

    def __init__(self, message: str):
        self.message = message

    def __bool__(self) -> bool:
        return False


def _condition(test, message: str):
    def condition(flow) -> bool | Refusal:
        return True if test(flow.obj) else Refusal(message)

    condition.message = message
    return condition


_feedback_on = _condition(lambda c: c.feedback_phase, "this cycle has no feedback phase")
_feedback_done = _condition(
    lambda c: c.state == S.FEEDBACK or not c.feedback_phase, "open the feedback phase first (it is on for this cycle)"
)
_calibration_on = _condition(lambda c: c.calibration_phase, "this cycle has no calibration phase")
_calibration_done = _condition(
    lambda c: c.state == S.CALIBRATION or not c.calibration_phase,
    "start calibration first (it is on for this cycle)",
)


@register
class CycleFlow(Flow):
    model = ReviewCycle
    state = flow_state(S, default=S.DRAFT)

    def _carry(self, name: str) -> list[int]:
        reviews = Review.objects.filter(cycle_id=self.obj.pk)
        return run_bulk_transition(Review, name, reviews, by=self.by, reason=self.reason or f"cycle: {name}")

    @state.transition(source=S.DRAFT, target=S.GOAL_SETTING, label=_("Launch"),
                      permission=may("cycles.run_reviewcycle"))
    def launch(self) -> None:
        """One review per participant, in bulk."""
        if not self.obj.participant_units.exists():
            raise ValidationError({"participant_units": ["Choose the units that take part."]})
        if not self.obj.periods.exists():
            raise ValidationError({"periods": ["Choose the OKR periods the cycle covers."]})
        reviews_create_missing(self.obj)

    @state.transition(source=S.GOAL_SETTING, target=S.TRACKING, label=_("Start tracking"),
                      permission=may("cycles.run_reviewcycle"))
    def start_tracking(self) -> None:
        """Goals are set; the period runs."""

    @state.transition(source=[S.GOAL_SETTING, S.TRACKING], target=S.SELF_REVIEW, label=_("Open self-review"),
                      permission=may("cycles.run_reviewcycle"))
    def open_self_review(self) -> None:
        self._carry("open_self_review")

    @state.transition(source=S.SELF_REVIEW, target=S.FEEDBACK, label=_("Open feedback"),
                      conditions=[_feedback_on], permission=may("cycles.run_reviewcycle"))
    def open_feedback(self) -> None:
        """Respondents answer; approved requests were already open to them."""

    @state.transition(source=[S.SELF_REVIEW, S.FEEDBACK], target=S.MANAGER_REVIEW, label=_("Open manager review"),
                      conditions=[_feedback_done], permission=may("cycles.run_reviewcycle"))
    def open_manager_review(self) -> None:
        moved = self._carry("close_self_review")
        if moved:
            lapsed = FeedbackRequest.objects.filter(review_id__in=moved, state=FeedbackRequest.State.NOMINATED)
            run_bulk_transition(FeedbackRequest, "cancel", lapsed, by=self.by, reason="never approved")

    @state.transition(source=S.MANAGER_REVIEW, target=S.CALIBRATION, label=_("Start calibration"),
                      conditions=[_calibration_on], permission=may("cycles.run_reviewcycle"))
    def start_calibration(self) -> None:
        """Calibrators adjust ratings review by review (``calibrate``)."""

    @state.transition(source=[S.MANAGER_REVIEW, S.CALIBRATION], target=S.CONVERSATIONS, label=_("Release results"),
                      conditions=[_calibration_done], permission=may("cycles.run_reviewcycle"))
    def release_results(self) -> None:
        self._carry("release")

    @state.transition(source=S.CONVERSATIONS, target=S.CLOSED, label=_("Close"),
                      permission=may("cycles.run_reviewcycle"))
    def close(self) -> None:
        self._carry("close")
        unanswered = FeedbackRequest.objects.filter(cycle_id=self.obj.pk, state__in=FeedbackRequest.OPEN_STATES)
        run_bulk_transition(FeedbackRequest, "cancel", unanswered, by=self.by, reason="the cycle closed")


LIVE = (S.GOAL_SETTING, S.TRACKING, S.SELF_REVIEW, S.FEEDBACK, S.MANAGER_REVIEW, S.CALIBRATION, S.CONVERSATIONS)

