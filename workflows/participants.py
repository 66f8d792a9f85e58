"""Participant sync: a running cycle follows the org chart (joiners, leavers, manager changes), set-based,
at once after a configuration change and in a background task after an import or a (de)activation."""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction
from django.db.models import Max, Q
from django.dispatch import receiver
from django_tasks import task as background_task

from common.signals import transition_committed
from cycles.models import ReviewCycle
from cycles.services import cycle_participants
from people.models import Person, User
from reviews.models import FeedbackRequest, Review
from reviews.services import reviews_create_missing, reviews_follow_managers

from .carry import joiners_catch_up
from .cycle import LIVE
from .runner import run_bulk_transition

S = ReviewCycle.State
logger = logging.getLogger(__name__)


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
        joiners_catch_up(cycle, Review.objects.filter(cycle=cycle, pk__gt=last), by=by)
        reassigned = reviews_follow_managers(cycle)
        if cycle.participant_units.exists():
            leaving = Review.objects.filter(cycle=cycle, state__in=Review.OPEN_STATES).exclude(
                person__in=cycle_participants(cycle)
            )
            withdrawn = run_bulk_transition(Review, "withdraw", leaving, by=by, reason="left the cycle")
        else:
            # No participant unit left (its units deleted, say): that is a configuration to mend, not everyone
            # leaving the cycle. Nobody joins and nobody's review is withdrawn until it has units again.
            logger.warning("cycle %s has no participant units: its reviews are left as they are", cycle.pk)
            withdrawn = []
        lapsed = FeedbackRequest.objects.filter(cycle=cycle, state__in=FeedbackRequest.OPEN_STATES).filter(
            Q(review_id__in=withdrawn) | ~Q(respondent__state=Person.State.ACTIVE)
        )
        cancelled = run_bulk_transition(FeedbackRequest, "cancel", lapsed, by=by, reason="left the cycle")
    return {"created": created, "reassigned": reassigned, "withdrawn": len(withdrawn), "cancelled": len(cancelled)}


class SyncFailed(Exception):
    """The sync of these cycles failed (the others were synced): logged, and the task reported failed."""


def _sync(cycle_ids, by_id: int | None) -> None:
    by = User.objects.filter(pk=by_id).first() if by_id else None
    failed = []
    for cycle in ReviewCycle.objects.filter(pk__in=cycle_ids, state__in=LIVE).order_by("pk"):
        try:
            cycle_sync_participants(cycle, by=by)
        except DatabaseError:
            raise  # the database is away: the whole task is retried
        except Exception:  # one cycle's fault never holds back the others' sync
            logger.exception("participant sync of cycle %s failed", cycle.pk)
            failed.append(cycle.pk)
    if failed:
        raise SyncFailed(failed)


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
