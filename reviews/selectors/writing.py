"""HR's writing figure of a cycle: per unit, the share of manager comments that pass the writing coach's
specificity check (no ``vague`` and no ``too_short`` finding: ``coach.writing.is_specific``).

A manager comment is each non-empty text answer of a submitted manager review (skipped ones never were) among
the reviews the caller reads. Units come a page at a time by path, as on the rest of the dashboard, and only the
page's comments are read and checked, in Python: two queries whatever the size of the cycle, and the checking
time grows with the page, never with the company (coach/README.md has the figures that decided it).
"""

from __future__ import annotations

from typing import Any

from coach.writing import is_specific
from common.paging import page_number
from cycles.models import ReviewCycle
from people.models import Unit
from people.selectors import person_scope_q

from .. import steps
from ..models import Review

S = Review.State
UNITS_PER_PAGE = 25
# A manager review is written from its submission on (every state after it keeps the answers).
WRITTEN = steps.ORDER[steps.ORDER.index(S.MANAGER_SUBMITTED):]


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def comment_texts(answers: Any) -> list[str]:
    """The non-empty texts of a review's manager answers (a JSON list of ``{…, "text"}``)."""
    return [a["text"] for a in answers or () if isinstance(a, dict) and isinstance(a.get("text"), str)
            and a["text"].strip()]


def specificity_by_unit(cycle: ReviewCycle, user, *, unit_page: Any = 1) -> dict[str, Any]:
    """``{"units": [{"unit", "path", "comments", "specific", "percent"}], "unit_page": {…}}`` for one page of the
    units (by path) that have a submitted manager review the caller reads. Two queries."""
    reviews = Review.objects.filter(person_scope_q(user, prefix="person__"), cycle=cycle, state__in=WRITTEN,
                                    skipped_manager_review=False)
    number = page_number(unit_page)
    start = (number - 1) * UNITS_PER_PAGE
    page = list(Unit.objects.filter(pk__in=reviews.values("unit_id")).order_by("path", "pk").values_list(
        "pk", "path")[start: start + UNITS_PER_PAGE + 1])
    more, page = len(page) > UNITS_PER_PAGE, page[:UNITS_PER_PAGE]
    counts = {pk: [0, 0] for pk, _path in page}  # unit → [specific, comments]
    for unit_id, answers in reviews.filter(unit_id__in=list(counts)).values_list("unit_id", "manager_answers"):
        for text in comment_texts(answers):
            counts[unit_id][1] += 1
            counts[unit_id][0] += is_specific(text)
    units = [{"unit": pk, "path": path, "specific": counts[pk][0], "comments": counts[pk][1],
              "percent": _percent(*counts[pk])} for pk, path in page]
    return {"units": units, "unit_page": {"number": number, "previous": number - 1 if number > 1 else None,
                                          "next": number + 1 if more else None}}
