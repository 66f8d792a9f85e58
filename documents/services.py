"""Writes of the documents app: starting a batch of review summaries."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from cycles.models import ReviewCycle
from people.models import Unit
from people.roles import roles_of
from reviews.models import Review
from reviews.selectors import reviews_visible_to

from .models import PdfBatch, PdfBatchItem


def may_run_batches(user) -> bool:
    roles = roles_of(user)
    return roles.hr_admin or roles.hr_partner


def batch_reviews(user, *, cycle: ReviewCycle, unit: Unit | None = None) -> QuerySet[Review]:
    """The cycle's reviews ``user`` may read (under ``unit`` when given), withdrawn ones left out."""
    qs = reviews_visible_to(user).filter(cycle=cycle).exclude(state=Review.State.WITHDRAWN)
    if unit is not None:
        qs = qs.filter(person__unit__lineage__startswith=unit.lineage)
    return qs


@transaction.atomic
def pdf_batch_create(*, by, cycle: ReviewCycle, unit: Unit | None = None, copy: str = PdfBatch.Copy.READER,
                     language: str = "en") -> PdfBatch:
    """One batch with one item per visible review; its start task and its watchdog are queued in the same
    transaction, so a batch never exists without its work queued, nor work without its batch."""
    from .tasks import batch_start, watch_later

    batch = PdfBatch.objects.create(cycle=cycle, unit=unit, requested_by=by, copy=copy, language=language)
    ids = list(batch_reviews(by, cycle=cycle, unit=unit).order_by("pk").values_list("pk", flat=True))
    PdfBatchItem.objects.bulk_create([PdfBatchItem(batch=batch, review_id=pk) for pk in ids], batch_size=1000)
    PdfBatch.objects.filter(pk=batch.pk).update(total=len(ids))
    batch.total = len(ids)
    batch_start.enqueue(batch.pk)
    watch_later(batch.pk)
    batch.refresh_from_db()
    return batch
