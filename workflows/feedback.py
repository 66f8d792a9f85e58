"""FeedbackFlow: a respondent asked about a review.

nominated → approved (the manager approves the request, or the whole list at once through the
review's ``approve_respondents``) → submitted (the respondent answers) | declined (with a reason);
nominated or approved → cancelled (the reviewee withdraws their own nomination; the manager or HR
any open one). Accepting is implicit: a respondent accepts by answering.

Who and when (``reviews/rules.py``): ``approve`` — the review's manager or HR admin, one request (e.g. one
added after the list went out), refused (409) once the cycle is closed; ``submit`` — the respondent, in the
self-review, feedback or manager-review phase (409 otherwise), 400 until the required answers are there;
``decline`` — the respondent, 400 without a reason; ``cancel`` — the reviewee for their own nomination while
it is only nominated, the review's manager or HR admin for any open request, never once the review's results
are released (409). The cycle's phase moves and the participant sync cancel requests in bulk
(``workflows.cycle``, ``workflows.participants``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cycles.models import ReviewCycle
from reviews.content import missing_required
from reviews.models import FeedbackRequest, Review
from reviews.selectors import request_questions

from .base import Flow, Refusal, flow_state, may
from .registry import register

S = FeedbackRequest.State
# Respondents answer from approval until the review's results are released (late answers included: the manager
# may still be writing); after release the feedback is frozen.
ANSWERING_PHASES = (ReviewCycle.State.SELF_REVIEW, ReviewCycle.State.FEEDBACK, ReviewCycle.State.MANAGER_REVIEW,
                    ReviewCycle.State.CALIBRATION, ReviewCycle.State.CONVERSATIONS)
RESULTS_OUT = (Review.State.RELEASED, Review.State.ACKNOWLEDGED, Review.State.CLOSED)


def _cycle_open(flow) -> bool | Refusal:
    return flow.obj.review.cycle.state != ReviewCycle.State.CLOSED or Refusal("the cycle is closed")


def _answering_phase(flow) -> bool | Refusal:
    if flow.obj.review.is_released:
        return Refusal("the results are released: feedback is closed")
    return flow.obj.review.cycle.state in ANSWERING_PHASES or Refusal(
        "feedback is given from the self-review phase until the results are released"
    )


def _results_not_out(flow) -> bool | Refusal:
    # The employee has read (or acknowledged) results built on this list: it stays as it was.
    return flow.obj.review.state not in RESULTS_OUT or Refusal(
        "the review's results are released: its respondents can no longer be removed"
    )


_results_not_out.message = "the review's results are released: its respondents can no longer be removed"


@register
class FeedbackFlow(Flow):
    model = FeedbackRequest
    state = flow_state(S, default=S.NOMINATED)

    @state.transition(source=S.NOMINATED, target=S.APPROVED, label=_("Approve"),
                      conditions=[_cycle_open], permission=may("reviews.approve_feedbackrequest"))
    def approve(self) -> None:
        """The manager sends this request out."""

    @state.transition(source=S.APPROVED, target=S.DECLINED, label=_("Decline"),
                      permission=may("reviews.answer_feedbackrequest"))
    def decline(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": ["Say why you decline."]})
        self.obj.decline_reason = self.reason.strip()
        self.extra_update_fields.add("decline_reason")

    @state.transition(source=S.APPROVED, target=S.SUBMITTED, label=_("Submit"),
                      conditions=[_answering_phase], permission=may("reviews.answer_feedbackrequest"))
    def submit(self) -> None:
        missing = missing_required(self.obj.answers, request_questions(self.obj))
        if missing:
            raise ValidationError({"answers": [f"Answer: {text}" for text in missing]})

    @state.transition(source=[S.NOMINATED, S.APPROVED], target=S.CANCELLED, label=_("Cancel"),
                      conditions=[_results_not_out], permission=may("reviews.cancel_feedbackrequest"))
    def cancel(self) -> None:
        """Withdrawn before an answer; kept for the record."""
