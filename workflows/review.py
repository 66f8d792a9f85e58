"""ReviewFlow: one participant's way through a cycle.

goals_draft → goals_submitted → goals_agreed (or returned to goals_draft) → self_review →
self_submitted (or returned to self_review) → respondents_approved → manager_submitted → calibrated →
released → acknowledged → closed; withdrawn when the person leaves the cycle.

The cycle's phase moves run ``open_self_review``, ``release`` and ``close`` in bulk, on finished work only
(``run_bulk_transition``, see ``workflows.cycle``); an unfinished step stays open to its owner as late work.
``skip_goals``, ``skip_self_review``, ``skip_feedback`` and ``skip_manager_review`` move a review past a step
HR closed unfinished (``skip_unfinished``) or a joiner missed, with its ``skipped_*`` flag set
(``workflows/carry.py``). None of these but ``open_self_review`` is ever offered to a user.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cycles.models import ReviewCycle
from people.roles import roles_of
from reviews.content import missing_required
from reviews.models import CalibrationChange, FeedbackRequest, Review
from reviews.selectors import review_questions
from reviews.services import respondent_limits_check, self_review_missing
from reviews.services.release import feedback_snapshot_create

from .base import Flow, Refusal, flow_state, may
from .carry import freeze_feedback
from .registry import register
from .runner import run_bulk_transition

S = Review.State
# ``calibrate``'s potential when the change leaves it as it is (a rating changed in its row).
UNCHANGED = object()



def _system(flow, user) -> bool:
    return False


def _in_phase(*phases: str, message: str):
    def condition(flow) -> bool | Refusal:
        return True if flow.obj.cycle.state in phases else Refusal(message)

    condition.message = message
    return condition


C = ReviewCycle.State
# From its phase on, a step stays open to its owner as late work until the cycle closes: a phase move never
# completes it on their behalf.
_manager_phase = _in_phase(C.MANAGER_REVIEW, C.CALIBRATION, C.CONVERSATIONS,
                           message="the manager review opens with the manager-review phase")
_self_review_phase = _in_phase(
    ReviewCycle.State.SELF_REVIEW, ReviewCycle.State.FEEDBACK, ReviewCycle.State.MANAGER_REVIEW,
    ReviewCycle.State.CALIBRATION, ReviewCycle.State.CONVERSATIONS, message="the self-review phase is not open"
)
_calibration_phase = _in_phase(ReviewCycle.State.CALIBRATION, message="the calibration phase is not open")


def _cycle_open(flow) -> bool | Refusal:
    return flow.obj.cycle.state != C.CLOSED or Refusal("the cycle is closed")


def _past_goal_setting(flow) -> bool:
    return flow.obj.cycle.state not in (C.DRAFT, C.GOAL_SETTING, C.TRACKING)


def _reason_required(flow: Flow, what: str) -> None:
    if not flow.reason.strip():
        raise ValidationError({"reason": [f"Give a reason to {what}."]})


@register
class ReviewFlow(Flow):
    model = Review
    state = flow_state(S, default=S.GOALS_DRAFT)

    # The employee and the manager agree the goals.

    @state.transition(source=S.GOALS_DRAFT, target=S.GOALS_SUBMITTED, label=_("Submit goals"),
                      conditions=[_cycle_open], permission=may("reviews.write_self_review"))
    def submit_goals(self) -> None:
        """The employee puts their goals for the cycle's periods to their manager."""

    def follow_up(self, name: str) -> str | None:
        """Late work joins the cycle where it is: goals agreed once the self-review is open enter it; a manager
        review submitted once results are out is released at once (calibration is over)."""
        if name == "agree_goals" and _past_goal_setting(self):
            return "open_self_review"
        if name == "submit_manager_review" and self.obj.cycle.state == C.CONVERSATIONS:
            return "release"
        return None

    @state.transition(source=S.GOALS_SUBMITTED, target=S.GOALS_AGREED, label=_("Agree goals"),
                      conditions=[_cycle_open], permission=may("reviews.lead_review"))
    def agree_goals(self) -> None:
        """The manager agrees the goals (late, once the self-review is open, the review then enters it)."""

    @state.transition(source=S.GOALS_SUBMITTED, target=S.GOALS_DRAFT, label=_("Return goals"),
                      conditions=[_cycle_open], permission=may("reviews.lead_review"))
    def return_goals(self) -> None:
        """Back to the employee; the reason (required, shown to them and emailed) says what to change."""
        _reason_required(self, "return the goals")

    # The self-review and the respondent list.

    @state.transition(source=S.SELF_REVIEW, target=S.SELF_SUBMITTED, label=_("Submit self-review"),
                      conditions=[_cycle_open], permission=may("reviews.write_self_review"))
    def submit_self_review(self) -> None:
        missing = self_review_missing(self.obj)
        if missing:
            raise ValidationError({"answers": [f"Answer: {text}" for text in missing]})
        respondent_limits_check(self.obj)

    @state.transition(source=S.SELF_SUBMITTED, target=S.SELF_REVIEW, label=_("Return self-review"),
                      conditions=[_cycle_open], permission=may("reviews.lead_review"))
    def return_self_review(self) -> None:
        """Back to the employee to rework the self-review or the respondent list; the reason is required,
        shown to the employee on their review and emailed to them."""
        _reason_required(self, "return the self-review")

    @state.transition(source=S.SELF_SUBMITTED, target=S.RESPONDENTS_APPROVED, label=_("Approve respondents"),
                      conditions=[_cycle_open], permission=may("reviews.lead_review"))
    def approve_respondents(self) -> None:
        """The list goes out: every nominated request of the review is approved in one statement."""
        respondent_limits_check(self.obj)
        run_bulk_transition(
            FeedbackRequest, "approve", FeedbackRequest.objects.filter(review_id=self.obj.pk),
            by=self.by, reason="respondent list approved",
        )

    # The manager review, calibration and release.

    @state.transition(source=S.RESPONDENTS_APPROVED, target=S.MANAGER_SUBMITTED, label=_("Submit manager review"),
                      conditions=[_manager_phase], permission=may("reviews.write_manager_review"))
    def submit_manager_review(self) -> None:
        errors = {}
        missing = missing_required(self.obj.manager_answers, review_questions(self.obj, authors=("manager",)))
        if missing:
            errors["answers"] = [f"Answer: {text}" for text in missing]
        if self.obj.preliminary_rating is None:
            errors["final_rating"] = ["Choose a final rating."]
        if errors:
            raise ValidationError(errors)

    @state.transition(source=[S.MANAGER_SUBMITTED, S.CALIBRATED], target=S.CALIBRATED, label=_("Calibrate"),
                      conditions=[_calibration_phase], permission=may("reviews.calibrate_review"))
    def calibrate(self, final_rating=None, potential=UNCHANGED) -> None:
        """Set the calibrated rating (the manager's preliminary one is kept), always with a reason; a move across
        the 9-box passes the ``potential`` too, logged with the rating."""
        values = list(
            self.obj.cycle.final_scale.levels.values_list("value", flat=True)
        )
        errors = {}  # every problem at once: the reason, the rating and the potential
        try:
            _reason_required(self, "change a rating")
        except ValidationError as missing:
            errors.update(missing.message_dict)
        if isinstance(final_rating, bool) or final_rating not in values:
            errors["final_rating"] = [_("Choose a level of the final rating scale.")]
        moves_potential = potential is not UNCHANGED
        if moves_potential:
            levels = list(self.obj.cycle.potential_scale.levels.values_list("value", flat=True)) if (
                self.obj.cycle.potential_scale_id) else []
            if isinstance(potential, bool) or potential not in levels:
                errors["potential"] = [_("Choose a level of the potential scale.")]
        if errors:
            raise ValidationError(errors)
        # The log of every change (who, from, to, why, when), written in the runner's transaction.
        CalibrationChange.objects.create(
            review=self.obj, by=roles_of(self.by).person, from_rating=self.obj.final_rating, to_rating=final_rating,
            from_potential=self.obj.potential if moves_potential else None,
            to_potential=potential if moves_potential else None, reason=self.reason.strip(),
        )
        self.obj.calibrated_rating = final_rating
        self.obj.calibration_reason = self.reason.strip()
        self.extra_update_fields.update({"calibrated_rating", "calibration_reason"})
        if moves_potential:
            self.obj.potential = potential
            self.extra_update_fields.add("potential")

    @state.transition(source=S.RELEASED, target=S.ACKNOWLEDGED, label=_("Acknowledge"),
                      permission=may("reviews.acknowledge_review"))
    def acknowledge(self) -> None:
        """The employee confirms they have read their results."""

    # HR's corrections.

    @state.transition(source=S.GOALS_SUBMITTED, target=S.GOALS_DRAFT, label=_("Reopen"),
                      permission=may("reviews.reopen_review"))
    @state.transition(source=S.GOALS_AGREED, target=S.GOALS_SUBMITTED, label=_("Reopen"),
                      permission=may("reviews.reopen_review"))
    @state.transition(source=S.SELF_SUBMITTED, target=S.SELF_REVIEW, label=_("Reopen"),
                      permission=may("reviews.reopen_review"))
    @state.transition(source=S.MANAGER_SUBMITTED, target=S.RESPONDENTS_APPROVED, label=_("Reopen"),
                      permission=may("reviews.reopen_review"))
    def reopen(self) -> None:
        """HR moves a submitted step back one step, with a reason."""
        _reason_required(self, "reopen")

    @state.transition(source=list(Review.OPEN_STATES), target=S.WITHDRAWN, label=_("Withdraw"),
                      permission=may("reviews.withdraw_review"))
    def withdraw(self) -> None:
        """The person leaves the cycle; the review stays for audit, its open requests are cancelled.
        (The participant sync withdraws in bulk and cancels the requests itself.)"""
        open_requests = FeedbackRequest.objects.filter(review_id=self.obj.pk, state__in=FeedbackRequest.OPEN_STATES)
        run_bulk_transition(FeedbackRequest, "cancel", open_requests, by=self.by, reason=self.reason or "withdrawn")

    # Carried by the cycle's phase moves, in bulk only: each moves finished work on, never unfinished work.

    @state.transition(source=[S.GOALS_DRAFT, S.GOALS_SUBMITTED, S.GOALS_AGREED], target=S.SELF_REVIEW,
                      label=_("Start self-review"), conditions=[_self_review_phase],
                      permission=may("reviews.start_self_review"))
    def open_self_review(self) -> None:
        """Carried in bulk (agreed goals only) when the cycle opens the self-review; run singly for a review
        whose goals were reopened or returned after that, once the phase is open."""

    @state.transition(source=[S.MANAGER_SUBMITTED, S.CALIBRATED], target=S.RELEASED, permission=_system)
    def release(self) -> None:
        """One review released late (a follow-up); the cycle's release freezes every review's feedback itself."""
        freeze_feedback(FeedbackRequest.objects.filter(review_id=self.obj.pk), by=self.by)
        feedback_snapshot_create(reviews=Review.objects.filter(pk=self.obj.pk))

    @state.transition(source=[S.RELEASED, S.ACKNOWLEDGED], target=S.CLOSED, permission=_system)
    def close(self) -> None:
        pass

    # Steps HR closes unfinished (the cycle's ``skip_unfinished``) and those a joiner missed: the review moves
    # past the step with its ``skipped_*`` flag set, so nothing counts it as done.

    @state.transition(source=[S.GOALS_DRAFT, S.GOALS_SUBMITTED], target=S.GOALS_AGREED, permission=_system)
    def skip_goals(self) -> None:
        pass

    @state.transition(source=[S.GOALS_AGREED, S.SELF_REVIEW], target=S.SELF_SUBMITTED, permission=_system)
    def skip_self_review(self) -> None:
        pass

    @state.transition(source=S.SELF_SUBMITTED, target=S.RESPONDENTS_APPROVED, permission=_system)
    def skip_feedback(self) -> None:
        pass

    @state.transition(source=S.RESPONDENTS_APPROVED, target=S.MANAGER_SUBMITTED, permission=_system)
    def skip_manager_review(self) -> None:
        pass

