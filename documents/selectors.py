"""Reads of the documents app: who runs PDF batches, the reviews a batch covers, one's own batch."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from common.access import fetch
from cycles.models import ReviewCycle
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
