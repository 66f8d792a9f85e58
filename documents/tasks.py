"""Background rendering of PDF batches (django-tasks, run by ``manage.py db_worker``).

``batch_start`` splits the pending items into chunks, one task each, so every running worker takes a
share. ``render_chunk`` renders each item of its chunk that is still pending, holding the item's row
lock (``SELECT … FOR UPDATE SKIP LOCKED``) while it renders, stores the file and marks the item done in
the same transaction: a chunk run twice, or by two workers at once, renders each item once.

A worker killed mid-chunk leaves its task RUNNING for ever (django-tasks-db does not retry it) but its
item lock dies with its connection. ``batch_recover`` puts the pending items back on the queue when the
batch has not moved for ``PDF_BATCH_STALE_SECONDS``; it runs from ``batch_watch`` (a task that re-queues
itself while the batch runs, on backends that can defer), from every progress poll, and from
``manage.py pdf_batches_recover``. Re-queueing is harmless because of the row locks above.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from people.language import language_of

from .models import PdfBatch, PdfBatchItem
from .summaries import review_summary_for, reviews_for_chunk, summary_filename

logger = logging.getLogger(__name__)

MAX_CHUNK = 20
# Chunks per batch we aim for at least, so a small batch still spreads over the workers.
MIN_CHUNKS = 8
WATCH_EVERY = dt.timedelta(seconds=10)


def stale_after() -> dt.timedelta:
    value = getattr(settings, "PDF_BATCH_STALE_SECONDS", None) or os.environ.get("PDF_BATCH_STALE_SECONDS", "60")
    return dt.timedelta(seconds=int(value))


def chunked(ids: list[int]) -> list[list[int]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(ids) / MIN_CHUNKS)))
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _enqueue_pending(batch_id: int) -> int:
    ids = list(PdfBatchItem.objects.filter(batch_id=batch_id, status=PdfBatchItem.Status.PENDING)
               .order_by("pk").values_list("pk", flat=True))
    chunks = chunked(ids)
    for chunk in chunks:
        render_chunk.enqueue(batch_id, chunk)
    return len(chunks)


def watch_later(batch_id: int) -> None:
    if batch_watch.get_backend().supports_defer:
        batch_watch.using(run_after=timezone.now() + WATCH_EVERY).enqueue(batch_id)


@task()
def batch_start(batch_id: int) -> int:
    chunks = _enqueue_pending(batch_id)
    batch_finish_if_complete(batch_id)
    return chunks


@task()
def render_chunk(batch_id: int, item_ids: list[int]) -> int:
    batch = PdfBatch.objects.select_related("requested_by").get(pk=batch_id)
    preloaded: dict = {}
    if batch.copy == PdfBatch.Copy.READER:
        # One reader for the whole chunk: read its reviews in one go instead of one review_detail per item.
        review_ids = PdfBatchItem.objects.filter(pk__in=item_ids, status=PdfBatchItem.Status.PENDING).values_list(
            "review_id", flat=True)
        preloaded = reviews_for_chunk(batch.requested_by, review_ids)
    rendered = sum(render_item(batch, item_id, preloaded) for item_id in item_ids)
    batch_finish_if_complete(batch_id)
    return rendered


@task()
def batch_watch(batch_id: int) -> None:
    batch = PdfBatch.objects.filter(pk=batch_id).first()
    if batch is None or batch.finished:
        return
    batch_recover(batch)
    watch_later(batch_id)


def _reader(batch: PdfBatch, item: PdfBatchItem):
    return item.review.person.user if batch.copy == PdfBatch.Copy.EMPLOYEE else batch.requested_by


def _language(batch: PdfBatch, item: PdfBatchItem) -> str:
    """Each copy in the language of the one who reads it: the requester's own copies in the language they
    asked in (``batch.language``); an employee's copy in the employee's language, as their emails are."""
    return language_of(item.review.person) if batch.copy == PdfBatch.Copy.EMPLOYEE else batch.language


def render_item(batch: PdfBatch, item_id: int, preloaded: dict | None = None) -> int:
    """Render one pending item (1) or skip it (0) when it is done or another worker holds it."""
    with transaction.atomic():
        item = (PdfBatchItem.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("review__person__user")
                .filter(pk=item_id, batch_id=batch.pk, status=PdfBatchItem.Status.PENDING).first())
        if item is None:
            return 0
        try:
            with transaction.atomic():
                review, content = review_summary_for(_reader(batch, item), item.review_id,
                                                     language=_language(batch, item),
                                                     loaded=(preloaded or {}).get(item.review_id))
        except Exception as exc:  # one bad review must not stop the batch; the error is kept on the item
            logger.exception("PDF batch %s: review %s failed", batch.pk, item.review_id)
            PdfBatchItem.objects.filter(pk=item.pk).update(
                status=PdfBatchItem.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
                attempts=F("attempts") + 1)
            PdfBatch.objects.filter(pk=batch.pk).update(failed=F("failed") + 1, progressed_at=timezone.now())
            return 0
        name = f"pdf-batches/{batch.pk}/{summary_filename(review)}"
        # A worker killed between writing the file and committing left this name behind: overwrite it,
        # so an item never has two files.
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(content))
        PdfBatchItem.objects.filter(pk=item.pk).update(status=PdfBatchItem.Status.DONE, file=stored,
                                                       attempts=F("attempts") + 1)
        PdfBatch.objects.filter(pk=batch.pk).update(done=F("done") + 1, progressed_at=timezone.now())
    return 1


def batch_finish_if_complete(batch_id: int) -> bool:
    """When every item is done or failed, write the ZIP and mark the batch done (once: row lock)."""
    with transaction.atomic():
        batch = PdfBatch.objects.select_for_update().get(pk=batch_id)
        if batch.finished or batch.done + batch.failed < batch.total:
            return False
        name = f"pdf-batches/{batch.pk}/summaries-{batch.pk}.zip"
        with tempfile.TemporaryFile() as buffer:
            with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
                for path in (PdfBatchItem.objects.filter(batch_id=batch_id, status=PdfBatchItem.Status.DONE)
                             .order_by("pk").values_list("file", flat=True)):
                    with default_storage.open(path, "rb") as pdf:
                        archive.writestr(path.rsplit("/", 1)[-1], pdf.read())
            buffer.seek(0)
            if default_storage.exists(name):
                default_storage.delete(name)
            stored = default_storage.save(name, File(buffer, name=name))
        PdfBatch.objects.filter(pk=batch_id).update(zip_file=stored, status=PdfBatch.Status.DONE,
                                                    finished_at=timezone.now())
    return True


def _chunks_waiting(batch_id: int) -> bool:
    """Chunks of the batch still queued and not picked up: the workers are busy or absent, none died on them,
    so queueing the same items again would only pile up tasks."""
    if not isinstance(render_chunk.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=render_chunk.module_path, args_kwargs__args__0=batch_id,
    ).exists()


def batch_recover(batch: PdfBatch) -> int:
    """Re-queue the pending items of a batch that stopped moving; the number of chunks queued.

    The conditional UPDATE lets exactly one of several callers (pollers, watchers) do it per stall.
    """
    if batch.finished:
        return 0
    if batch.done + batch.failed >= batch.total:
        batch_finish_if_complete(batch.pk)
        return 0
    if _chunks_waiting(batch.pk):
        return 0
    now = timezone.now()
    claimed = PdfBatch.objects.filter(
        pk=batch.pk, status=PdfBatch.Status.RUNNING, progressed_at__lt=now - stale_after()
    ).update(progressed_at=now)
    if not claimed:
        return 0
    logger.warning("PDF batch %s made no progress for %s: re-queueing its pending items", batch.pk, stale_after())
    return _enqueue_pending(batch.pk)
