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

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from common.access import fetch
from common.paging import page_number
from cycles.models import ReviewCycle
from people.models import Unit
from people.roles import roles_of
from people.selectors import person_scope_q

from ..models import FeedbackRequest, Review
from .tasks import MANAGER_TASKS, OWN_TASKS, task_row

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


def dashboard_cycle_detail(user, cycle_id: Any) -> ReviewCycle:
    """The cycle, for HR admin and HR partners (404 for everyone else)."""
    roles = roles_of(user)
    if not (roles.hr_admin or roles.hr_partner):
        raise Http404("No dashboard here.")
    return fetch(ReviewCycle.objects.select_related("final_scale", "potential_scale"), cycle_id,
                 message="No such cycle.")


UNITS_PER_PAGE = 25


def _done_states(milestone: str) -> list[str]:
    return ORDER[ORDER.index(milestone):]


def _percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0



def completion(cycle: ReviewCycle, user, *, unit_page: Any = 1) -> dict[str, Any]:
    """Per phase (all of the caller's scope) and per unit (the current phase, one page of units by path):
    done, total, percent; and the final ratings (calibrated, else preliminary) for the distribution. Four
    queries, whatever the cycle's size: reviews per state and rating (one GROUP BY), feedback requests as
    conditional counts, one page of units, and those units' counts."""
    reviews = Review.objects.filter(person_scope_q(user, prefix="person__"), cycle=cycle).exclude(state=S.WITHDRAWN)
    # One pass over the cycle's reviews: counts per (state, final rating), a few dozen rows at most.
    by_state: dict[str, dict[str, int]] = {}
    ratings: Counter = Counter()
    for row in reviews.annotate(final=Coalesce("calibrated_rating", "preliminary_rating")).values(
            "state", "final").annotate(n=Count("pk"), no_unit=Count("pk", filter=Q(unit__isnull=True))).order_by():
        entry = by_state.setdefault(row["state"], {"n": 0, "no_unit": 0})
        entry["n"] += row["n"]
        entry["no_unit"] += row["no_unit"]
        if row["final"] is not None:
            ratings[row["final"]] += row["n"]
    total = sum(row["n"] for row in by_state.values())

    def done(milestone: str, key: str = "n") -> int:
        return sum(by_state[state][key] for state in _done_states(milestone) if state in by_state)

    phases = [{"phase": name, "done": done(milestone), "total": total, "percent": _percent(done(milestone), total)}
              for name, milestone in MILESTONES]
    answered_states = (FeedbackRequest.State.APPROVED, FeedbackRequest.State.SUBMITTED,
                       FeedbackRequest.State.DECLINED)
    requests = FeedbackRequest.objects.filter(cycle=cycle).filter(
        person_scope_q(user, prefix="review__person__")).aggregate(
        asked=Count("pk", filter=Q(state__in=answered_states)),
        answered=Count("pk", filter=Q(state=FeedbackRequest.State.SUBMITTED)))
    phases.insert(2, {"phase": "feedback", "done": requests["answered"], "total": requests["asked"],
                      "percent": _percent(requests["answered"], requests["asked"])})
    current = CURRENT.get(cycle.state, "goals")
    milestone = dict(MILESTONES)[current]
    # One page of units by path (through the path index), then the counts of those units only.
    number = page_number(unit_page)
    start = (number - 1) * UNITS_PER_PAGE
    page_units = list(Unit.objects.filter(pk__in=reviews.values("unit_id")).order_by("path", "pk").values_list(
        "pk", "path")[start: start + UNITS_PER_PAGE + 1])
    more = len(page_units) > UNITS_PER_PAGE
    page_units = page_units[:UNITS_PER_PAGE]
    per_unit = {row["unit_id"]: row for row in reviews.filter(unit_id__in=[pk for pk, _path in page_units]).values(
        "unit_id").annotate(total=Count("pk"), done=Count("pk", filter=Q(state__in=_done_states(milestone))))
        .order_by()}
    units = [{"path": path, "done": per_unit[pk]["done"], "total": per_unit[pk]["total"],
              "percent": _percent(per_unit[pk]["done"], per_unit[pk]["total"])} for pk, path in page_units
             if pk in per_unit]
    no_unit = sum(row["no_unit"] for row in by_state.values())
    if no_unit and not more:  # reviews of people without a unit close the last page
        units.append({"path": "—", "done": done(milestone, "no_unit"), "total": no_unit,
                      "percent": _percent(done(milestone, "no_unit"), no_unit)})
    return {"phases": phases, "units": units, "current": current, "total": total, "ratings": ratings,
            "unit_page": {"number": number, "previous": number - 1 if number > 1 else None,
                          "next": number + 1 if more else None}}


OVERDUE_PER_PAGE = 25


def overdue_tasks(cycle: ReviewCycle, user, *, today: dt.date, limit: int = OVERDUE_PER_PAGE,
                  page: Any = 1) -> dict[str, Any]:
    """Open tasks of the cycle whose deadline has passed, in the caller's scope, one page of ``limit``:
    the reviews' tasks first, then the unanswered feedback requests. At most three queries."""
    page = page_number(page)
    kinds = [kind for kind in (*OWN_TASKS.values(), *MANAGER_TASKS.values(), "give_feedback")
             if (task_row(kind, cycle, review=None, person=None)["deadline"] or "9999") < today.isoformat()]
    if cycle.state != ReviewCycle.State.MANAGER_REVIEW and "write_manager_review" in kinds:
        kinds.remove("write_manager_review")
    if cycle.state in (ReviewCycle.State.DRAFT, ReviewCycle.State.CLOSED):
        kinds = []
    states = {state: kind for state, kind in {**OWN_TASKS, **MANAGER_TASKS}.items() if kind in kinds}
    start = (page - 1) * limit
    tasks: list[dict[str, Any]] = []
    skipped = 0  # review tasks before this page, to know where the page starts among the requests
    if states:
        reviews = Review.objects.filter(person_scope_q(user, prefix="person__"), cycle=cycle,
                                        state__in=list(states)).filter(
            Q(state__in=list(OWN_TASKS)) | Q(manager__isnull=False)).select_related("person", "manager").order_by("pk")
        skipped = reviews.count() if start else 0
        for review in reviews[start: start + limit + 1]:
            kind = states[review.state]
            recipient = review.person if review.state in OWN_TASKS else review.manager
            tasks.append({**task_row(kind, cycle, review=review, person=review.person), "recipient": recipient})
    if "give_feedback" in kinds and len(tasks) <= limit:
        offset = max(0, start - skipped) if start else 0
        requests = FeedbackRequest.objects.filter(
            person_scope_q(user, prefix="review__person__"), cycle=cycle, state=FeedbackRequest.State.APPROVED,
        ).select_related("review__person", "respondent").order_by("pk")
        for request in requests[offset: offset + limit + 1 - len(tasks)]:
            row = task_row("give_feedback", cycle, review=None, request=request, person=request.review.person)
            tasks.append({**row, "recipient": request.respondent})
    return {"tasks": tasks[:limit], "more": len(tasks) > limit, "page": page,
            "previous": page - 1 if page > 1 else None, "next": page + 1 if len(tasks) > limit else None}


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
