"""A cycle's progress as a reader may count it: reviews per state, and per step how many are done, open,
late or skipped (``reviews/steps.py`` says what each means), overall and per unit. Two GROUP BY queries
whatever the size of the cycle: one over the reviews, one over their feedback requests."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count
from django.utils import timezone

from cycles.models import ReviewCycle

from .. import steps
from ..models import FeedbackRequest, Review
from .reviews import reviews_visible_to

REVIEW_STEPS = ("goals", "self_review", "manager_review", "calibration", "conversation")


def _empty_steps() -> dict[str, dict[str, int]]:
    return {step: dict.fromkeys(steps.STATUSES, 0) for step in steps.STEPS}


def cycle_progress(cycle: ReviewCycle, user, *, today: dt.date | None = None) -> dict[str, Any]:
    """Reviews per state and work per step, overall and per unit, among the reviews ``user`` may read."""
    today = today or timezone.localdate()
    late = {step: steps.is_late(cycle, step, today=today) for step in steps.STEPS}
    scope = reviews_visible_to(user).filter(cycle=cycle)
    rows = (
        scope.values("unit_id", "unit__path", "state", "conversation__state",
                     *(f"skipped_{step}" for step in REVIEW_STEPS))
        .annotate(n=Count("pk")).order_by("unit__path", "state")
    )
    overall: dict[str, int] = defaultdict(int)
    overall_steps = _empty_steps()
    units: dict[Any, dict[str, Any]] = {}

    def unit_of(unit_id, path) -> dict[str, Any]:
        return units.setdefault(unit_id, {"unit": unit_id, "path": path, "total": 0, "states": {},
                                          "steps": _empty_steps()})

    for row in rows:
        unit = unit_of(row["unit_id"], row["unit__path"])
        overall[row["state"]] += row["n"]
        unit["states"][row["state"]] = unit["states"].get(row["state"], 0) + row["n"]
        unit["total"] += row["n"]
        if row["state"] == Review.State.WITHDRAWN:
            continue
        for step in REVIEW_STEPS:
            if not steps.applies(cycle, step):
                continue
            if row[f"skipped_{step}"]:
                status = "skipped"
            elif steps.review_done(row["state"], step, skipped=False, conversation_state=row["conversation__state"]):
                status = "done"
            else:
                status = "late" if late[step] else "open"
            unit["steps"][step][status] += row["n"]
            overall_steps[step][status] += row["n"]
    requests = (
        FeedbackRequest.objects.filter(review__in=scope.exclude(state=Review.State.WITHDRAWN))
        .values("review__unit_id", "review__unit__path", "state", "skipped").annotate(n=Count("pk"))
        .order_by("review__unit__path")
    )
    for row in requests:
        if row["skipped"]:
            status = "skipped"
        elif row["state"] in steps.REQUEST_DONE:
            status = "done"
        elif row["state"] in steps.REQUEST_OPEN:
            status = "late" if late["feedback"] else "open"
        else:
            continue  # cancelled before it was answered (the employee or HR took it back): not work owed
        unit_of(row["review__unit_id"], row["review__unit__path"])["steps"]["feedback"][status] += row["n"]
        overall_steps["feedback"][status] += row["n"]
    return {"cycle": cycle.pk, "state": cycle.state, "total": sum(overall.values()), "states": dict(overall),
            "steps": overall_steps, "units": list(units.values())}
