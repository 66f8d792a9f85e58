"""What the benchmark reads and writes, and as whom.

Each target answers, for the run's fixtures (``Ctx``) and the iteration number, the request to send:
``(method, path, json_body)`` — or None when the data or page it needs is absent, which the harness
reports as a missing figure (and so a failed run).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

Request = tuple[str, str, dict | None]


@dataclass
class Ctx:
    employee: Any
    manager: Any
    hr: Any
    unit_id: int | None = None
    review_id: int | None = None
    cycle_id: int | None = None
    key_result_id: int | None = None
    draft_review_id: int | None = None  # a review whose person is writing their self-review now
    self_answers: list = field(default_factory=list)
    transition_person_id: int | None = None


@dataclass(frozen=True)
class Target:
    name: str
    persona: str  # employee | manager | hr | drafter (the person of draft_review_id)
    request: Callable[[Ctx, int], Request | None]


def page(name: str, *args) -> Request | None:
    """GET a named URL; None when the URL or one of its arguments does not exist."""
    if any(a is None for a in args):
        return None
    try:
        return ("get", reverse(name, args=args), None)
    except NoReverseMatch:
        return None


def api_get(path: str) -> Request:
    return ("get", path, None)


READS: list[Target] = [
    Target("floor: trivial view", "employee", lambda c, i: api_get("/bench/trivial/")),
    Target("org chart", "employee", lambda c, i: page("people:org_chart")),
    Target("my goals", "employee", lambda c, i: page("okrs:my_goals")),
    Target("unit goals", "employee", lambda c, i: page("okrs:unit_goals", c.unit_id)),
    Target("alignment tree, first level", "employee", lambda c, i: page("okrs:tree")),
    Target("weekly board", "manager", lambda c, i: page("okrs:my_board")),
    Target("inbox", "manager", lambda c, i: page("reviews:tasks")),
    Target("review page", "manager", lambda c, i: page("reviews:review", c.review_id)),
    Target("calibration page", "hr", lambda c, i: page("reviews:calibration", c.cycle_id)),
    Target("HR dashboard", "hr", lambda c, i: page("reviews:dashboard", c.cycle_id)),
    Target("API /api/reviews/", "manager", lambda c, i: api_get("/api/reviews/")),
    Target("API /api/objectives/", "employee", lambda c, i: api_get("/api/objectives/")),
    Target("API /api/people/", "employee", lambda c, i: api_get("/api/people/")),
    Target("praise wall", "employee", lambda c, i: page("continuous:wall")),
    Target("feedback inbox", "manager", lambda c, i: page("continuous:feedback")),
    Target("evidence panel", "manager", lambda c, i: page("reviews:evidence", c.review_id)),
]


def _check_in(c: Ctx, i: int) -> Request | None:
    if c.key_result_id is None:
        return None
    return ("post", f"/api/key-results/{c.key_result_id}/check-ins/",
            {"value": str(10 + i % 7), "confidence": 6, "note": "bench"})


def _draft(c: Ctx, i: int) -> Request | None:
    if c.draft_review_id is None:
        return None
    return ("put", f"/api/reviews/{c.draft_review_id}/self-review/", {"answers": c.self_answers})


def _flip(c: Ctx, i: int) -> Request | None:
    if c.transition_person_id is None:
        return None
    name = "deactivate" if i % 2 == 0 else "reactivate"
    return ("post", f"/api/people/{c.transition_person_id}/transitions/{name}/", {"reason": "bench"})


WRITES: list[Target] = [
    Target("floor: trivial view", "employee", lambda c, i: api_get("/bench/trivial/")),
    Target("check-in write", "employee", _check_in),
    Target("self-review draft save", "drafter", _draft),
    Target("transition", "hr", _flip),
]
