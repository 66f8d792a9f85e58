"""What a cycle's bulk action will do, before HR confirms it: who moves on, who is emailed, what is unfinished
per step and unit (and stays open, late), what is cancelled or skipped. The same rules as the moves
themselves (``workflows/cycle.py``, ``workflows/carry.py``) and their emails (``reviews/notifications.py``), read
without changing anything: a handful of queries whatever the cycle's size."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from cycles.models import ReviewCycle
from cycles.services import cycle_participants
from people.models import Person

from .. import steps
from ..models import Conversation, FeedbackRequest, Review
from .progress import cycle_progress

S = Review.State
C = ReviewCycle.State
UNITS_SHOWN = 8  # units listed per unfinished step, most unfinished first
NAMES_SHOWN = 12  # people named among those emailed

# The steps whose unfinished work HR should see before each move: the ones the move leaves behind.
LEFT_BEHIND = {
    "launch": (), "start_tracking": ("goals",), "open_self_review": ("goals",),
    "open_feedback": ("goals", "self_review"),
    "open_manager_review": ("goals", "self_review", "feedback"),
    "start_calibration": ("goals", "self_review", "feedback", "manager_review"),
    "release_results": ("goals", "self_review", "feedback", "manager_review"),
    "close": steps.STEPS,
}


def _people(qs) -> dict[str, Any]:
    """How many people, and the first names (a sample), of a queryset of people."""
    names = list(qs.order_by("full_name", "pk").values_list("full_name", flat=True)[:NAMES_SHOWN])
    return {"count": qs.count(), "names": names}


def _reviews(cycle: ReviewCycle, **filters):
    return Review.objects.filter(cycle_id=cycle.pk, **filters)


def _open_requests(cycle: ReviewCycle, **filters):
    return FeedbackRequest.objects.filter(cycle_id=cycle.pk, state__in=FeedbackRequest.OPEN_STATES, **filters).exclude(
        review__state=S.WITHDRAWN)


def _unfinished(cycle: ReviewCycle, progress: dict[str, Any], names: tuple[str, ...]) -> list[dict[str, Any]]:
    """Per step left behind: the open and late counts, and the units with the most unfinished work."""
    rows = []
    for step in names:
        if not steps.applies(cycle, step):
            continue
        counts = progress["steps"][step]
        left = counts["open"] + counts["late"]
        if not left:
            continue
        units = sorted(((u["path"] or "—", u["steps"][step]["open"] + u["steps"][step]["late"])
                        for u in progress["units"]), key=lambda item: (-item[1], item[0]))
        units = [u for u in units if u[1]]
        rows.append({"step": step, "open": counts["open"], "late": counts["late"], "total": left,
                     "units": units[:UNITS_SHOWN], "more_units": max(0, len(units) - UNITS_SHOWN)})
    return rows


def move_preview(cycle: ReviewCycle, name: str, user, *, step: str = "", today: dt.date | None = None) -> dict:
    """What running ``name`` on ``cycle`` would do now: ``{"name", "creates", "moves", "emails", "unfinished",
    "cancels", "skips"}`` — counts, with samples of the people emailed and the units left behind."""
    today = today or timezone.localdate()
    preview: dict[str, Any] = {"name": name, "step": step, "creates": 0, "moves": [], "emails": None,
                               "unfinished": [], "cancels": 0, "skips": []}
    if name == "launch":
        participants = cycle_participants(cycle)
        preview["creates"] = participants.count()
        units = participants.values("unit__path").annotate(n=Count("pk")).order_by("-n", "unit__path")
        preview["units"] = [(row["unit__path"] or "—", row["n"]) for row in units[:UNITS_SHOWN]]
        if cycle.hired_before is not None:
            preview["probation"] = (Person.objects.filter(pk__in=_in_units(cycle), state=Person.State.ACTIVE,
                                                          hire_date__gt=cycle.hired_before).count())
        return preview
    progress = cycle_progress(cycle, user, today=today)
    preview["unfinished"] = _unfinished(cycle, progress, LEFT_BEHIND.get(name, ()))
    if name == "open_self_review":
        moving = _reviews(cycle, state=S.GOALS_AGREED)
        preview["moves"] = [{"what": "enter_self_review", "count": moving.count()}]
        preview["emails"] = {"kind": "write_self_review", **_people(Person.objects.filter(
            pk__in=moving.values("person_id")))}
    elif name == "open_manager_review":
        ready = _reviews(cycle, state=S.RESPONDENTS_APPROVED)
        preview["emails"] = {"kind": "write_manager_review", **_people(Person.objects.filter(
            pk__in=ready.values("manager_id")))}
        preview["moves"] = [{"what": "manager_reviews_to_write", "count": ready.count()}]
    elif name == "release_results":
        released = _reviews(cycle, state__in=[S.MANAGER_SUBMITTED, S.CALIBRATED])
        preview["moves"] = [{"what": "released", "count": released.count()}]
        preview["emails"] = {"kind": "released", **_people(Person.objects.filter(pk__in=released.values("person_id")))}
        preview["skips"] = [{"step": "feedback", "count": _open_requests(cycle, review__in=released).count()}]
    elif name == "close":
        closing = _reviews(cycle, state__in=[S.RELEASED, S.ACKNOWLEDGED])
        preview["moves"] = [{"what": "closed", "count": closing.count()}]
        held = Conversation.objects.filter(review_id=OuterRef("pk"), state__in=steps.CONVERSATION_DONE)
        unheld = _reviews(cycle, state__in=[S.RELEASED, S.ACKNOWLEDGED], skipped_conversation=False).exclude(
            Exists(held)).count()
        preview["skips"] = [*({"step": row["step"], "count": row["total"]} for row in preview["unfinished"]
                              if row["step"] not in ("feedback", "conversation")),
                            {"step": "feedback", "count": _open_requests(cycle).count()},
                            {"step": "conversation", "count": unheld}]
        preview["skips"] = [row for row in preview["skips"] if row["count"]]
        preview["unfinished"] = []  # nothing stays open once the cycle is closed: it is all in "skips"
    elif name == "skip_unfinished":
        preview["skips"] = _skip_preview(cycle, step)
    return preview


def _skip_preview(cycle: ReviewCycle, step: str) -> list[dict[str, Any]]:
    if step not in steps.STEPS or not steps.applies(cycle, step):
        return []
    at_step = _reviews(cycle, state__in=steps.PENDING[step], **{f"skipped_{step}": False})
    if step == "conversation":
        held = Conversation.objects.filter(review_id=OuterRef("pk"), state__in=steps.CONVERSATION_DONE)
        at_step = at_step.exclude(Exists(held))
    rows = [{"step": step, "count": at_step.count()}]
    if step == "feedback":
        rows.append({"step": "feedback_requests", "count": _open_requests(cycle).count()})
    return rows


def _in_units(cycle: ReviewCycle):
    units = Q()
    for lineage in cycle.participant_units.values_list("lineage", flat=True):
        units |= Q(unit__lineage__startswith=lineage)
    return Person.objects.filter(units).values("pk") if units else Person.objects.none().values("pk")
