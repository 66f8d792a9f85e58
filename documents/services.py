"""Writes of the documents app: starting a batch of review summaries."""

from __future__ import annotations

from django.db import transaction

from cycles.models import ReviewCycle
from people.models import Unit

from .models import PdfBatch, PdfBatchItem
from .selectors import batch_reviews


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
