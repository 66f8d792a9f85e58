"""Reads of cycle configuration, scoped to the user asking."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet

from common.access import fetch
from people.roles import roles_of
from people.selectors import person_scope_q

from .models import ReviewCycle, ReviewTemplate


def cycles_visible_to(user) -> QuerySet[ReviewCycle]:
    """Every member of the organisation reads the cycles; others see none."""
    roles = roles_of(user)
    if roles.hr_admin or roles.employee:
        return ReviewCycle.objects.all()
    return ReviewCycle.objects.none()


def cycle_queryset(qs: QuerySet[ReviewCycle]) -> QuerySet[ReviewCycle]:
    return qs.select_related("template", "final_scale", "potential_scale").prefetch_related(
        "periods", "participant_units", "final_scale__levels", "potential_scale__levels"
    ).order_by("-created_at", "-pk")


def cycle_detail(user, pk) -> ReviewCycle:
    """A cycle with its configuration loaded, if ``user`` reads cycles (404 otherwise)."""
    return fetch(cycle_queryset(cycles_visible_to(user)), pk)


def templates_visible_to(user) -> QuerySet[ReviewTemplate]:
    roles = roles_of(user)
    qs = ReviewTemplate.objects.prefetch_related("questions__scale__levels")
    return qs if roles.hr_admin or roles.employee else qs.none()


def cycle_progress(cycle: ReviewCycle, user) -> dict[str, Any]:
    """Reviews per state, overall and per unit, among the reviews ``user`` may read: one GROUP BY."""
    rows = (
        cycle.reviews.filter(person_scope_q(user, prefix="person__")).values("unit_id", "unit__path", "state")
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
