"""Reads for the HR dashboard of a cycle: completion per phase and per unit, the overdue tasks, and the rows
of the results export. Scoped to the reviews the caller reads (HR admin all, an HR partner their units), each
in a fixed number of queries.

The export carries ratings and facts only — no feedback comments, no calibration reasons, no conversation
notes — so it cannot leak what the anonymity rule or the private notes keep back (see README).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from cycles.models import ReviewCycle
from cycles.selectors import cycle_progress
from people.roles import roles_of
from people.selectors import person_scope_q

from .models import FeedbackRequest, Review
from .selectors import MANAGER_TASKS, OWN_TASKS, _task

S = Review.State
ORDER = [S.GOALS_DRAFT, S.GOALS_SUBMITTED, S.GOALS_AGREED, S.SELF_REVIEW, S.SELF_SUBMITTED, S.RESPONDENTS_APPROVED,
         S.MANAGER_SUBMITTED, S.CALIBRATED, S.RELEASED, S.ACKNOWLEDGED, S.CLOSED]
# Each phase is done for a review once it reached the milestone state (or any later one).
MILESTONES = [
    ("goals", S.GOALS_AGREED), ("self_review", S.SELF_SUBMITTED), ("manager_review", S.MANAGER_SUBMITTED),
    ("calibration", S.CALIBRATED), ("acknowledgement", S.ACKNOWLEDGED),
]
CURRENT = {
    ReviewCycle.State.GOAL_SETTING: "goals", ReviewCycle.State.TRACKING: "goals",
    ReviewCycle.State.SELF_REVIEW: "self_review", ReviewCycle.State.FEEDBACK: "self_review",
    ReviewCycle.State.MANAGER_REVIEW: "manager_review", ReviewCycle.State.CALIBRATION: "calibration",
    ReviewCycle.State.CONVERSATIONS: "acknowledgement", ReviewCycle.State.CLOSED: "acknowledgement",
}


def dashboard_cycle(user, cycle_id: Any) -> ReviewCycle:
    """The cycle, for HR admin and HR partners (404 for everyone else)."""
    roles = roles_of(user)
    if not (roles.hr_admin or roles.hr_partner):
        raise Http404("No dashboard here.")
    try:
        return ReviewCycle.objects.select_related("final_scale", "potential_scale").get(pk=int(cycle_id))
    except (ReviewCycle.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404("No such cycle.") from None


def _done(states: dict[str, int], milestone: str) -> int:
    index = ORDER.index(milestone)
    return sum(n for state, n in states.items() if state in ORDER and ORDER.index(state) >= index)


def completion(cycle: ReviewCycle, user) -> dict[str, Any]:
    """Per phase (all of the caller's scope) and per unit (the current phase): done, total, percent.
    Two queries: the GROUP BY of ``cycle_progress`` and one of the feedback requests."""
    progress = cycle_progress(cycle, user)
    states = {k: v for k, v in progress["states"].items() if k != S.WITHDRAWN}
    total = sum(states.values())
    phases = []
    for name, milestone in MILESTONES:
        done = _done(states, milestone)
        phases.append({"phase": name, "done": done, "total": total, "percent": round(100 * done / total) if total
                       else 0})
    requests = dict(FeedbackRequest.objects.filter(cycle=cycle).filter(
        person_scope_q(user, prefix="review__person__")).values_list("state").annotate(n=Count("pk")).order_by())
    asked = sum(requests.get(s, 0) for s in (FeedbackRequest.State.APPROVED, FeedbackRequest.State.SUBMITTED,
                                              FeedbackRequest.State.DECLINED))
    answered = requests.get(FeedbackRequest.State.SUBMITTED, 0)
    phases.insert(2, {"phase": "feedback", "done": answered, "total": asked,
                      "percent": round(100 * answered / asked) if asked else 0})
    current = CURRENT.get(cycle.state, "goals")
    milestone = dict(MILESTONES)[current]
    units = []
    for unit in progress["units"]:
        unit_states = {k: v for k, v in unit["states"].items() if k != S.WITHDRAWN}
        unit_total = sum(unit_states.values())
        done = _done(unit_states, milestone)
        units.append({"path": unit["path"] or "—", "done": done, "total": unit_total,
                      "percent": round(100 * done / unit_total) if unit_total else 0})
    return {"phases": phases, "units": units, "current": current, "total": total}


def overdue_tasks(cycle: ReviewCycle, user, *, today: dt.date, limit: int = 100) -> dict[str, Any]:
    """Open tasks of the cycle whose deadline has passed, in the caller's scope: at most two queries."""
    kinds = [kind for kind in (*OWN_TASKS.values(), *MANAGER_TASKS.values(), "give_feedback")
             if (_task(kind, cycle, review=None, person=None)["deadline"] or "9999") < today.isoformat()]
    if cycle.state != ReviewCycle.State.MANAGER_REVIEW and "write_manager_review" in kinds:
        kinds.remove("write_manager_review")
    if cycle.state in (ReviewCycle.State.DRAFT, ReviewCycle.State.CLOSED):
        kinds = []
    states = {state: kind for state, kind in {**OWN_TASKS, **MANAGER_TASKS}.items() if kind in kinds}
    tasks: list[dict[str, Any]] = []
    if states:
        reviews = Review.objects.filter(person_scope_q(user, prefix="person__"), cycle=cycle,
                                        state__in=list(states)).select_related("person", "manager")
        for review in reviews.order_by("pk")[: limit + 1]:
            kind = states[review.state]
            recipient = review.person if review.state in OWN_TASKS else review.manager
            if recipient is not None:
                tasks.append({**_task(kind, cycle, review=review, person=review.person), "recipient": recipient})
    if "give_feedback" in kinds and len(tasks) <= limit:
        requests = FeedbackRequest.objects.filter(
            person_scope_q(user, prefix="review__person__"), cycle=cycle, state=FeedbackRequest.State.APPROVED,
        ).select_related("review__person", "respondent").order_by("pk")
        for request in requests[: limit + 1 - len(tasks)]:
            tasks.append({**_task("give_feedback", cycle, review=None, request=request, person=request.review.person),
                          "recipient": request.respondent})
    return {"tasks": tasks[:limit], "more": len(tasks) > limit}


def export_rows(cycle: ReviewCycle, user) -> tuple[list[str], list[list[Any]]]:
    """The results of the reviews the exporter reads, one row each (one query and the scale's levels)."""
    finals = {level.value: level.label for level in cycle.final_scale.levels.all()}
    potentials = {level.value: level.label for level in cycle.potential_scale.levels.all()} if (
        cycle.potential_scale) else {}
    header = ["person_id", "name", "email", "title", "unit", "manager", "state", "preliminary_rating",
              "calibrated", "final_rating", "final_rating_label", "potential", "potential_label"]
    rows = []
    reviews: QuerySet[Review] = Review.objects.filter(person_scope_q(user, prefix="person__"), cycle=cycle).exclude(
        state=S.WITHDRAWN).select_related("person__user", "person__unit", "manager").order_by("person__full_name", "pk")
    for r in reviews:
        rows.append([
            r.person_id, r.person.full_name, r.person.user.email, r.person.title,
            r.person.unit.path if r.person.unit else "", r.manager.full_name if r.manager else "", r.state,
            r.preliminary_rating, "yes" if r.calibrated_rating is not None else "no", r.final_rating,
            finals.get(r.final_rating, ""), r.potential, potentials.get(r.potential, ""),
        ])
    return header, rows


def rating_counts(cycle: ReviewCycle, user) -> Counter:
    """Final ratings (calibrated, else preliminary) of the caller's scope: one GROUP BY."""
    rows = Review.objects.filter(person_scope_q(user, prefix="person__"), cycle=cycle).exclude(
        state=S.WITHDRAWN).annotate(final=Coalesce("calibrated_rating", "preliminary_rating")).values(
        "final").annotate(n=Count("pk")).order_by()
    return Counter({row["final"]: row["n"] for row in rows if row["final"] is not None})
