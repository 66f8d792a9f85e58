"""A cycle's progress as a reader may count it: reviews per state, overall and per unit."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count

from cycles.models import ReviewCycle

from .reviews import reviews_visible_to


def cycle_progress(cycle: ReviewCycle, user) -> dict[str, Any]:
    """Reviews per state, overall and per unit, among the reviews ``user`` may read: one GROUP BY."""
    rows = (
        reviews_visible_to(user).filter(cycle=cycle).values("unit_id", "unit__path", "state")
        .annotate(n=Count("pk")).order_by("unit__path", "state")
    )
    overall: dict[str, int] = defaultdict(int)
    units: dict[Any, dict[str, Any]] = {}
    for row in rows:
        overall[row["state"]] += row["n"]
        unit = units.setdefault(row["unit_id"], {"unit": row["unit_id"], "path": row["unit__path"], "total": 0,
                                                 "states": {}})
        unit["states"][row["state"]] = row["n"]
        unit["total"] += row["n"]
    return {"cycle": cycle.pk, "state": cycle.state, "total": sum(overall.values()), "states": dict(overall),
            "units": list(units.values())}
