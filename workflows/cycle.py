"""CycleFlow: a review cycle's phases. A phase move carries finished work forward and nothing else.

draft → goal_setting (launch: one review per participant) → tracking → self_review → feedback →
manager_review → calibration → conversations (release_results) → closed. The feedback and
calibration phases are optional per cycle: when switched off, ``open_manager_review`` runs straight
from self_review and ``release_results`` straight from manager_review.

A phase move never completes a step on someone's behalf. What each does to the reviews (one UPDATE per
source state, one log row per review):
- ``open_self_review``: goals_agreed → self_review. Goals not agreed stay open to their owners, as late work;
  once agreed, the review enters the self-review (``agree_goals``);
- ``open_manager_review``: moves no review. Self-reviews not submitted and respondent lists not approved stay
  open, late; managers can write once their review reaches respondents_approved, in any later phase;
- ``release_results``: manager_submitted and calibrated → released (an uncalibrated review keeps the
  manager's preliminary rating as final); their unanswered feedback requests are closed as skipped (feedback
  is frozen at release). A manager review submitted later is released at once;
- ``close``: released and acknowledged → closed; whatever is unfinished is closed as skipped, with the reason.
``start_tracking``, ``open_feedback`` and ``start_calibration`` move no review.

``skip_unfinished`` (``{"step", "reason"}``) is HR closing one step for everyone still at it, explicitly and
with a reason: the reviews move past the step flagged ``skipped_<step>``, and every count, export and document
shows them as skipped, never as submitted (``reviews/steps.py``, ``workflows/carry.py``). Before any of these
moves HR sees what it will do and confirms (``reviews.selectors.moves``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cycles.models import ReviewCycle
from reviews.models import FeedbackRequest, Review
from reviews.services import reviews_create_missing
from reviews.services.release import feedback_snapshot_create

from .base import Flow, Refusal, flow_state, may
from .carry import applicable_steps, freeze_feedback, pending, pending_requests, step_skip, unfinished
from .registry import register
from .runner import run_bulk_transition

S = ReviewCycle.State
LIVE_STATES = (S.GOAL_SETTING, S.TRACKING, S.SELF_REVIEW, S.FEEDBACK, S.MANAGER_REVIEW, S.CALIBRATION,
               S.CONVERSATIONS)


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

    def _carry(self, name: str, **states) -> list[int]:
        reviews = Review.objects.filter(cycle_id=self.obj.pk, **states)
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
        """Agreed goals move on; goals still in draft or awaiting agreement stay open, late."""
        self._carry("open_self_review", state=Review.State.GOALS_AGREED)

    @state.transition(source=S.SELF_REVIEW, target=S.FEEDBACK, label=_("Open feedback"),
                      conditions=[_feedback_on], permission=may("cycles.run_reviewcycle"))
    def open_feedback(self) -> None:
        """Respondents answer; approved requests were already open to them."""

    @state.transition(source=[S.SELF_REVIEW, S.FEEDBACK], target=S.MANAGER_REVIEW, label=_("Open manager review"),
                      conditions=[_feedback_done], permission=may("cycles.run_reviewcycle"))
    def open_manager_review(self) -> None:
        """Managers write the reviews whose respondent list is approved; the rest stays open to its owners."""

    @state.transition(source=S.MANAGER_REVIEW, target=S.CALIBRATION, label=_("Start calibration"),
                      conditions=[_calibration_on], permission=may("cycles.run_reviewcycle"))
    def start_calibration(self) -> None:
        """Calibrators adjust ratings review by review (``calibrate``)."""

    @state.transition(source=[S.MANAGER_REVIEW, S.CALIBRATION], target=S.CONVERSATIONS, label=_("Release results"),
                      conditions=[_calibration_done], permission=may("cycles.run_reviewcycle"))
    def release_results(self) -> None:
        released = self._carry("release")
        freeze_feedback(FeedbackRequest.objects.filter(review_id__in=released), by=self.by)
        feedback_snapshot_create(reviews=Review.objects.filter(pk__in=released))

    @state.transition(source=S.CONVERSATIONS, target=S.CLOSED, label=_("Close"),
                      permission=may("cycles.run_reviewcycle"))
    def close(self) -> None:
        """Released results close; every step still unfinished is closed as skipped, with the reason."""
        reason = self.reason.strip() or "the cycle closed"
        for step in applicable_steps(self.obj):
            if step != "feedback":
                # The reviews stay where they got to: their flags say which steps were never done.
                unfinished(self.obj, step).update(**{f"skipped_{step}": True})
        pending(self.obj, "feedback").update(skipped_feedback=True)
        run_bulk_transition(FeedbackRequest, "cancel", pending_requests(self.obj), by=self.by, reason=reason,
                            update={"skipped": True})
        self._carry("close")

    @state.transition(source=list(LIVE_STATES), label=_("Skip unfinished work"),
                      permission=may("cycles.run_reviewcycle"))
    def skip_unfinished(self, step: str = "") -> dict:
        """HR closes one step for everyone still at it, with a reason: shown as skipped, never as done."""
        if not self.reason.strip():
            raise ValidationError({"reason": ["Say why the unfinished work is skipped; it is shown with it."]})
        return step_skip(self.obj, str(step or ""), by=self.by, reason=f"skipped: {self.reason.strip()}")


LIVE = LIVE_STATES

