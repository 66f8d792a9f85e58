"""Reads of the documents app: who runs PDF batches, the reviews a batch covers, one's own batch, and what HR's
documents page lists (the cycles and units with reports, the latest batches)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from common.access import fetch
from common.paging import page_number
from cycles.models import ReviewCycle
from cycles.selectors import cycles_visible_to
from people.models import Unit
from people.roles import roles_of
from reviews.models import Review
from reviews.selectors import reviews_visible_to

from .models import PdfBatch


def may_run_batches(user) -> bool:
    roles = roles_of(user)
    return roles.hr_admin or roles.hr_partner


def batch_reviews(user, *, cycle: ReviewCycle, unit: Unit | None = None) -> QuerySet[Review]:
    """The cycle's reviews ``user`` may read (under ``unit`` when given), withdrawn ones left out."""
    qs = reviews_visible_to(user).filter(cycle=cycle).exclude(state=Review.State.WITHDRAWN)
    if unit is not None:
        qs = qs.filter(person__unit__lineage__startswith=unit.lineage)
    return qs


def batch_detail(user, pk: Any) -> PdfBatch:
    """A batch is its requester's, and only HR runs batches: anyone else gets 404 (no existence leak)."""
    if not may_run_batches(user):
        raise Http404("No such page.")
    return fetch(PdfBatch.objects.select_related("cycle", "unit").filter(requested_by=user), pk)


def report_cycles(user) -> QuerySet[ReviewCycle]:
    """The cycles whose report ``user`` may download (launched ones; HR only), newest first."""
    if not may_run_batches(user):
        return ReviewCycle.objects.none()
    return cycles_visible_to(user).exclude(state=ReviewCycle.State.DRAFT).order_by("-created_at", "-pk")


def report_units(user, *, query: str = "") -> QuerySet[Unit]:
    """The units HR lists unit OKR reports for: every unit for HR admin, the granted units and the units under
    them for an HR partner; by path, narrowed to names or paths containing ``query``."""
    roles = roles_of(user)
    if roles.hr_admin:
        qs = Unit.objects.all()
    elif roles.hr_partner:
        scope = Q(pk__in=[])
        for lineage in roles.partner_lineages:
            scope |= Q(lineage__startswith=lineage)
        qs = Unit.objects.filter(scope)
    else:
        return Unit.objects.none()
    query = query.strip()
    if query:
        qs = qs.filter(path__icontains=query)
    return qs.order_by("path")


def recent_batches(user, *, limit: int = 20) -> list[PdfBatch]:
    """The caller's own latest PDF batches (a batch is its requester's alone)."""
    return list(PdfBatch.objects.filter(requested_by=user).select_related("cycle", "unit")[:limit])


def page_of(qs: QuerySet, page: Any, *, per_page: int) -> dict[str, Any]:
    """One page of ``qs`` (one query: a row more than the page tells whether a next page exists)."""
    number = page_number(page)
    rows = list(qs[(number - 1) * per_page: number * per_page + 1])
    return {"rows": rows[:per_page], "page": number, "previous": number - 1 if number > 1 else None,
            "next": number + 1 if len(rows) > per_page else None}
