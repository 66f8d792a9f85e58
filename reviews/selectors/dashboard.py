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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from common.access import fetch
from common.paging import page_number
from cycles.models import ReviewCycle
from people.models import Unit
from people.roles import roles_of
from people.selectors import person_scope_q

from .. import steps
from ..models import FeedbackRequest, Review
from .progress import empty_steps, step_counts
from .tasks import KIND_STEP, MANAGER_REVIEW_PHASES, MANAGER_TASKS, OWN_TASKS, task_row

S = Review.State
# The step each phase of the cycle is about, for the per-unit figures.
CURRENT = {
    ReviewCycle.State.GOAL_SETTING: "goals", ReviewCycle.State.TRACKING: "goals",
    ReviewCycle.State.SELF_REVIEW: "self_review", ReviewCycle.State.FEEDBACK: "feedback",
    ReviewCycle.State.MANAGER_REVIEW: "manager_review", ReviewCycle.State.CALIBRATION: "calibration",
    ReviewCycle.State.CONVERSATIONS: "conversation", ReviewCycle.State.CLOSED: "conversation",
}


def hr_reviews(user, cycle: ReviewCycle) -> QuerySet[Review]:
    """The cycle's reviews an HR tool shows its reader: those they read, except their own. Nobody reads their
    own unreleased rating or their potential (never shown to the employee) through an export or a figure;
    their own review page says what they may know of it."""
    me = roles_of(user).person
    reviews = Review.objects.filter(person_scope_q(user, prefix="person__"), cycle=cycle)
    return reviews.exclude(person_id=me.pk) if me is not None else reviews


def dashboard_cycle_detail(user, cycle_id: Any) -> ReviewCycle:
    """The cycle, for HR admin and HR partners (404 for everyone else)."""
    roles = roles_of(user)
    if not (roles.hr_admin or roles.hr_partner):
        raise Http404("No dashboard here.")
    return fetch(ReviewCycle.objects.select_related("final_scale", "potential_scale"), cycle_id,
                 message="No such cycle.")


UNITS_PER_PAGE = 25


def _percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0



def completion(cycle: ReviewCycle, user, *, unit_page: Any = 1, today: dt.date | None = None) -> dict[str, Any]:
    """Per step (all of the caller's scope) and per unit (the cycle's current step, one page of units by path):
    done, open, late and skipped (``reviews/steps.py``), and the final ratings (calibrated, else preliminary) for
    the distribution. Six queries, whatever the cycle's size: the steps over the reviews and over their
    requests, twice (all, and the page of units), the page of units, and the ratings."""
    today = today or timezone.localdate()
    reviews = Review.objects.filter(person_scope_q(user, prefix="person__"), cycle=cycle)
    overall = step_counts(cycle, reviews, today=today).get(None, {"total": 0, "states": {}, "steps": empty_steps()})
    total = overall["total"] - overall["states"].get(S.WITHDRAWN, 0)
    phases = [{"phase": step, **_figures(overall["steps"][step])} for step in steps.STEPS
              if steps.applies(cycle, step)]
    current = CURRENT.get(cycle.state, "goals")
    # One page of units by path (through the path index), then the counts of those units only.
    number = page_number(unit_page)
    start = (number - 1) * UNITS_PER_PAGE
    live = reviews.exclude(state=S.WITHDRAWN)
    page_units = list(Unit.objects.filter(pk__in=live.values("unit_id")).order_by("path", "pk").values_list(
        "pk", "path")[start: start + UNITS_PER_PAGE + 1])
    more = len(page_units) > UNITS_PER_PAGE
    page_units = page_units[:UNITS_PER_PAGE]
    per_unit = step_counts(cycle, reviews.filter(unit_id__in=[pk for pk, _path in page_units]), today=today,
                           by_unit=True)
    units = [{"path": path, **_figures(per_unit[pk]["steps"][current])} for pk, path in page_units if pk in per_unit]
    ratings = rating_counts(cycle, user)
    return {"phases": phases, "units": units, "current": current, "total": total, "ratings": ratings,
            "unit_page": {"number": number, "previous": number - 1 if number > 1 else None,
                          "next": number + 1 if more else None}}


def _figures(counts: dict[str, int]) -> dict[str, Any]:
    """A step's counts with its total and the share done (skipped work is not done)."""
    total = sum(counts.values())
    return {**counts, "total": total, "percent": _percent(counts["done"], total)}


OVERDUE_PER_PAGE = 25


def overdue_tasks(cycle: ReviewCycle, user, *, today: dt.date, limit: int = OVERDUE_PER_PAGE,
                  page: Any = 1) -> dict[str, Any]:
    """Open tasks of the cycle that are late (``steps.is_late``: the deadline has passed, or the phase moved on
    without them), in the caller's scope, one page of ``limit``: the reviews' tasks first, then the unanswered
    feedback requests. The same rule as the completion figures' "late", so the two never disagree. At most three
    queries."""
    page = page_number(page)
    kinds = [kind for kind in (*OWN_TASKS.values(), *MANAGER_TASKS.values(), "give_feedback")
             if steps.is_late(cycle, KIND_STEP[kind], today=today)]
    if cycle.state not in MANAGER_REVIEW_PHASES and "write_manager_review" in kinds:
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


EXPORT_COLUMNS = (
    ("person_id", gettext_lazy("Person id")), ("name", pgettext_lazy("a person's", "Name")),
    ("email", gettext_lazy("Email")), ("title", pgettext_lazy("a person's job", "Title")),
    ("unit", gettext_lazy("Unit")), ("manager", gettext_lazy("Manager")),
    ("state", gettext_lazy("State")), ("skipped", gettext_lazy("Skipped steps")),
    ("preliminary_rating", gettext_lazy("Preliminary rating")), ("calibrated", gettext_lazy("Calibrated")),
    ("final_rating", gettext_lazy("Final rating")), ("final_rating_label", gettext_lazy("Final rating (label)")),
    ("potential", gettext_lazy("Potential")), ("potential_label", gettext_lazy("Potential (label)")),
)
SKIPPED_LABELS = {
    "goals": gettext_lazy("goals"), "self_review": gettext_lazy("self-review"),
    "feedback": gettext_lazy("respondent approval"), "manager_review": gettext_lazy("manager review"),
    "calibration": gettext_lazy("calibration"), "conversation": gettext_lazy("results conversation"),
}


def export_rows(cycle: ReviewCycle, user) -> tuple[list[str], list[list[Any]]]:
    """The results of the reviews the exporter reads but their own (``hr_reviews``), one row each (one query and the
    scales' levels), headers and states in the reader's language; numbers stay numbers (ids, ratings)."""
    finals = {level.value: level.label for level in cycle.final_scale.levels.all()}
    potentials = {level.value: level.label for level in cycle.potential_scale.levels.all()} if (
        cycle.potential_scale) else {}
    header = [str(label) for _key, label in EXPORT_COLUMNS]
    rows = []
    reviews: QuerySet[Review] = hr_reviews(user, cycle).exclude(state=S.WITHDRAWN).select_related(
        "person__user", "person__unit", "manager").order_by("person__full_name", "pk")
    for r in reviews:
        rows.append([
            r.person_id, r.person.full_name, r.person.user.email, r.person.title,
            r.person.unit.path if r.person.unit else "", r.manager.full_name if r.manager else "",
            str(r.get_state_display()), ", ".join(str(SKIPPED_LABELS[step]) for step in r.skipped_steps),
            r.preliminary_rating, str(_("yes") if r.calibrated_rating is not None else _("no")), r.final_rating,
            str(finals.get(r.final_rating, "")), r.potential, str(potentials.get(r.potential, "")),
        ])
    return header, rows


def rating_counts(cycle: ReviewCycle, user) -> Counter:
    """Final ratings (calibrated, else preliminary) of the caller's scope but their own review: one GROUP BY."""
    rows = hr_reviews(user, cycle).exclude(
        state=S.WITHDRAWN).annotate(final=Coalesce("calibrated_rating", "preliminary_rating")).values(
        "final").annotate(n=Count("pk")).order_by()
    return Counter({row["final"]: row["n"] for row in rows if row["final"] is not None})
