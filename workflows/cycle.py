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

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django_tasks import task as background_task

from cycles.models import ReviewCycle
from cycles.services import cycle_participants
from people.models import Person, User
from reviews.models import FeedbackRequest, Review
from reviews.services import reviews_create_missing, reviews_follow_managers

from .base import Flow, flow_state
from .registry import register
from .runner import run_bulk_transition
from .signals import transition_committed

S = ReviewCycle.State


def _may(perm: str):
    return lambda flow, user: user is not None and rules.has_perm(perm, user, flow.obj)


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
                      permission=_may("cycles.run_reviewcycle"))
    def launch(self) -> None:
        """One review per participant, in bulk."""
        if not self.obj.participant_units.exists():
            raise ValidationError({"participant_units": ["Choose the units that take part."]})
        if not self.obj.periods.exists():
            raise ValidationError({"periods": ["Choose the OKR periods the cycle covers."]})
        reviews_create_missing(self.obj)

    @state.transition(source=S.GOAL_SETTING, target=S.TRACKING, label=_("Start tracking"),
                      permission=_may("cycles.run_reviewcycle"))
    def start_tracking(self) -> None:
        """Goals are set; the period runs."""

    @state.transition(source=[S.GOAL_SETTING, S.TRACKING], target=S.SELF_REVIEW, label=_("Open self-review"),
                      permission=_may("cycles.run_reviewcycle"))
    def open_self_review(self) -> None:
        self._carry("open_self_review")

    @state.transition(source=S.SELF_REVIEW, target=S.FEEDBACK, label=_("Open feedback"),
                      conditions=[_feedback_on], permission=_may("cycles.run_reviewcycle"))
    def open_feedback(self) -> None:
        """Respondents answer; approved requests were already open to them."""

    @state.transition(source=[S.SELF_REVIEW, S.FEEDBACK], target=S.MANAGER_REVIEW, label=_("Open manager review"),
                      conditions=[_feedback_done], permission=_may("cycles.run_reviewcycle"))
    def open_manager_review(self) -> None:
        moved = self._carry("close_self_review")
        if moved:
            lapsed = FeedbackRequest.objects.filter(review_id__in=moved, state=FeedbackRequest.State.NOMINATED)
            run_bulk_transition(FeedbackRequest, "cancel", lapsed, by=self.by, reason="never approved")

    @state.transition(source=S.MANAGER_REVIEW, target=S.CALIBRATION, label=_("Start calibration"),
                      conditions=[_calibration_on], permission=_may("cycles.run_reviewcycle"))
    def start_calibration(self) -> None:
        """Calibrators adjust ratings review by review (``calibrate``)."""

    @state.transition(source=[S.MANAGER_REVIEW, S.CALIBRATION], target=S.CONVERSATIONS, label=_("Release results"),
                      conditions=[_calibration_done], permission=_may("cycles.run_reviewcycle"))
    def release_results(self) -> None:
        self._carry("release")

    @state.transition(source=S.CONVERSATIONS, target=S.CLOSED, label=_("Close"),
                      permission=_may("cycles.run_reviewcycle"))
    def close(self) -> None:
        self._carry("close")
        unanswered = FeedbackRequest.objects.filter(cycle_id=self.obj.pk, state__in=FeedbackRequest.OPEN_STATES)
        run_bulk_transition(FeedbackRequest, "cancel", unanswered, by=self.by, reason="the cycle closed")


LIVE = (S.GOAL_SETTING, S.TRACKING, S.SELF_REVIEW, S.FEEDBACK, S.MANAGER_REVIEW, S.CALIBRATION, S.CONVERSATIONS)


# The phase moves a review joining mid-cycle has missed, in order.
CATCH_UP = {
    S.SELF_REVIEW: ("open_self_review",),
    S.FEEDBACK: ("open_self_review",),
    S.MANAGER_REVIEW: ("open_self_review", "close_self_review"),
    S.CALIBRATION: ("open_self_review", "close_self_review"),
    S.CONVERSATIONS: ("open_self_review", "close_self_review"),
}


def _catch_up(cycle: ReviewCycle, reviews, *, by) -> None:
    """New reviews join the cycle's phase through the same logged moves the others went through."""
    for name in CATCH_UP.get(cycle.state, ()):
        run_bulk_transition(Review, name, reviews, by=by, reason="joined mid-cycle")


def cycle_sync_participants(cycle: ReviewCycle, *, by=None) -> dict[str, int]:
    """Bring a running cycle up to date with the org chart; idempotent, set-based.

    Joiners get a review, carried to the cycle's phase; open reviews follow their person's current
    manager (who takes over the manager's tasks) and unit; leavers' open reviews are withdrawn (kept for
    audit) with their open requests, and open requests addressed to people who left are cancelled.
    """
    with transaction.atomic():
        # Locked, so a sync and a phase move of the same cycle do not interleave.
        cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.state not in LIVE:
            return {"created": 0, "reassigned": 0, "withdrawn": 0, "cancelled": 0}
        last = Review.objects.filter(cycle=cycle).aggregate(last=Max("pk"))["last"] or 0
        created = reviews_create_missing(cycle)
        _catch_up(cycle, Review.objects.filter(cycle=cycle, pk__gt=last), by=by)
        reassigned = reviews_follow_managers(cycle)
        leaving = Review.objects.filter(cycle=cycle, state__in=Review.OPEN_STATES).exclude(
            person__in=cycle_participants(cycle)
        )
        withdrawn = run_bulk_transition(Review, "withdraw", leaving, by=by, reason="left the cycle")
        lapsed = FeedbackRequest.objects.filter(cycle=cycle, state__in=FeedbackRequest.OPEN_STATES).filter(
            Q(review_id__in=withdrawn) | ~Q(respondent__state=Person.State.ACTIVE)
        )
        cancelled = run_bulk_transition(FeedbackRequest, "cancel", lapsed, by=by, reason="left the cycle")
    return {"created": created, "reassigned": reassigned, "withdrawn": len(withdrawn), "cancelled": len(cancelled)}


def _sync(cycle_ids, by_id: int | None) -> None:
    by = User.objects.filter(pk=by_id).first() if by_id else None
    for cycle in ReviewCycle.objects.filter(pk__in=cycle_ids, state__in=LIVE).order_by("pk"):
        cycle_sync_participants(cycle, by=by)


@background_task()
def cycles_sync_task(cycle_ids: list[int], by_id: int | None = None) -> None:
    """Sync the participants of these running cycles, in a worker: a sync touches every review of a cycle."""
    _sync(cycle_ids, by_id)


@background_task()
def people_cycles_sync_task(person_ids: list[int], by_id: int | None = None) -> None:
    """Sync every running cycle these people take part in (the cycles are looked up here, in the worker)."""
    _sync(ReviewCycle.objects.filter(state__in=LIVE, reviews__person_id__in=person_ids).values("pk"), by_id)


def cycles_sync_later(cycle_ids: list[int] | None = None, *, by=None) -> None:
    """Queue a sync of the given running cycles (all of them when None) once the current transaction commits."""
    ids = list(cycle_ids) if cycle_ids is not None else list(
        ReviewCycle.objects.filter(state__in=LIVE).values_list("pk", flat=True)
    )
    if ids:
        by_id = by.pk if getattr(by, "is_authenticated", False) else None
        transaction.on_commit(lambda: cycles_sync_task.enqueue(ids, by_id))


@receiver(transition_committed, sender=Person, dispatch_uid="cycles_follow_people")
def _people_changed(sender, object_ids=(), **kwargs) -> None:
    """A person (de)activated: every running cycle they are part of syncs its participants. The request only
    queues the work (one insert, whoever the person is); the worker finds the cycles."""
    ids = list(object_ids)
    if ids:
        by = kwargs.get("by")
        by_id = by.pk if getattr(by, "is_authenticated", False) else None
        transaction.on_commit(lambda: people_cycles_sync_task.enqueue(ids, by_id))
