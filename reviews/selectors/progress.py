"""A cycle's progress as a reader may count it: reviews per state, and per step how many are done, open,
late or skipped (``reviews/steps.py`` says what each means), overall and per unit. Each count is two GROUP BY
queries whatever the size of the cycle: one over the reviews, one over their feedback requests."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from cycles.models import ReviewCycle

from .. import steps
from ..models import FeedbackRequest, Review
from .anonymity import with_known_outcome
from .reviews import reviews_visible_to

REVIEW_STEPS = ("goals", "self_review", "manager_review", "calibration", "conversation")


def empty_steps() -> dict[str, dict[str, int]]:
    return {step: dict.fromkeys(steps.STATUSES, 0) for step in steps.STEPS}


def _review_status(cycle: ReviewCycle, row: dict, step: str, late: dict[str, bool]) -> str:
    if row[f"skipped_{step}"]:
        return "skipped"
    if steps.review_done(row["state"], step, skipped=False, conversation_state=row["conversation__state"]):
        return "done"
    return "late" if late[step] else "open"


def _request_status(row: dict, late: dict[str, bool]) -> str | None:
    if row["skipped"]:
        return "skipped"
    if row["state"] in steps.REQUEST_DONE:
        return "done"
    if row["state"] in steps.REQUEST_OPEN:
        return "late" if late["feedback"] else "open"
    return None  # cancelled before it was answered (the employee or HR took it back): not work owed


def step_counts(cycle: ReviewCycle, reviews: QuerySet[Review], *, today: dt.date | None = None,
                by_unit: bool = False, reader=None) -> dict[Any, dict[str, Any]]:
    """``{key: {"path", "total", "states", "steps"}}`` for ``reviews`` of the cycle, under one key (``None``)
    or one per unit (the unit's id, with its path). Withdrawn reviews count in ``states`` only."""
    today = today or timezone.localdate()
    late = {step: steps.is_late(cycle, step, today=today) for step in steps.STEPS}
    unit_fields = ("unit_id", "unit__path") if by_unit else ()
    groups: dict[Any, dict[str, Any]] = {}

    def group(key, path) -> dict[str, Any]:
        return groups.setdefault(key, {"path": path, "total": 0, "states": defaultdict(int), "steps": empty_steps()})

    rows = reviews.values(*unit_fields, "state", "conversation__state",
                          *(f"skipped_{step}" for step in REVIEW_STEPS)).annotate(n=Count("pk")).order_by()
    for row in rows:
        entry = group(row.get("unit_id"), row.get("unit__path"))
        entry["states"][row["state"]] += row["n"]
        entry["total"] += row["n"]
        if row["state"] == Review.State.WITHDRAWN:
            continue
        for step in REVIEW_STEPS:
            if steps.applies(cycle, step):
                entry["steps"][step][_review_status(cycle, row, step, late)] += row["n"]
    request_unit = ("review__unit_id", "review__unit__path") if by_unit else ()
    requests = FeedbackRequest.objects.filter(review__in=reviews.exclude(state=Review.State.WITHDRAWN))
    state, skipped = "state", "skipped"
    if reader is not None:  # counted on what the reader may know: a reviewee never counts who answered
        requests, state, skipped = with_known_outcome(requests, reader), "state_for", "skipped_for"
    for row in requests.values(*request_unit, state, skipped).annotate(n=Count("pk")).order_by():
        status = _request_status({"state": row[state], "skipped": row[skipped]}, late)
        if status is not None:
            group(row.get("review__unit_id"), row.get("review__unit__path"))["steps"]["feedback"][status] += row["n"]
    for entry in groups.values():
        entry["states"] = dict(entry["states"])
    return groups


def cycle_progress(cycle: ReviewCycle, user, *, today: dt.date | None = None,
                   unit_ids: Iterable[int] | None = None) -> dict[str, Any]:
    """Reviews per state and work per step, overall and per unit, among the reviews ``user`` may read
    (per unit: every unit, or those of ``unit_ids`` — a page of them)."""
    scope = reviews_visible_to(user).filter(cycle=cycle)
    if unit_ids is None:
        units = step_counts(cycle, scope, today=today, by_unit=True, reader=user)
        overall = _summed(units.values())
    else:
        overall = step_counts(cycle, scope, today=today, reader=user).get(None) or _summed([])
        units = step_counts(cycle, scope.filter(unit_id__in=list(unit_ids)), today=today, by_unit=True,
                            reader=user)
    ordered = sorted(units.items(), key=lambda item: item[1]["path"] or "")
    return {"cycle": cycle.pk, "state": cycle.state, "total": overall["total"], "states": overall["states"],
            "steps": overall["steps"], "units": [{"unit": key, **entry} for key, entry in ordered]}


def _summed(entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    total = {"total": 0, "states": defaultdict(int), "steps": empty_steps()}
    for entry in entries:
        total["total"] += entry["total"]
        for state, n in entry["states"].items():
            total["states"][state] += n
        for step, counts in entry["steps"].items():
            for status, n in counts.items():
                total["steps"][step][status] += n
    total["states"] = dict(total["states"])
    return total
