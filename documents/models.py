"""PDF documents: the download log, and batches of review summaries rendered in the background.

``PdfBatch.status`` is a progress marker, not a workflow: it follows from the counters (``done`` +
``failed`` reaching ``total``) and from the ZIP being written, and is changed only by set-based updates
in ``documents.tasks`` (``UPDATE … SET done = done + 1``), never by a person, so it has no flow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cycles.models import ReviewCycle
from people.models import Unit
from reviews.models import Review


class DownloadLog(models.Model):
    """Who downloaded which document about whom, and when."""

    class Kind(models.TextChoices):
        REVIEW_SUMMARY = "review_summary", _("Review summary")
        BATCH_ZIP = "batch_zip", _("Review summaries (ZIP)")
        UNIT_REPORT = "unit_report", _("Unit OKR report")
        CYCLE_REPORT = "cycle_report", _("Cycle report")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("document"), max_length=24, choices=Kind.choices)
    review = models.ForeignKey(
        Review, verbose_name=_("review"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whose document it is: kept apart from the review so the log survives a deleted review.
    subject = models.CharField(_("about"), max_length=300, blank=True)
    object_id = models.BigIntegerField(_("object"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.subject}"


class PdfBatch(models.Model):
    """All review summaries of a cycle (optionally of one unit and the units under it), as one job."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    class Copy(models.TextChoices):
        READER = "reader", _("As I see them")
        EMPLOYEE = "employee", _("As each employee sees theirs")

    cycle = models.ForeignKey(ReviewCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, related_name="+")
    copy = models.CharField(_("copy"), max_length=16, choices=Copy.choices, default=Copy.READER)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RUNNING)
    total = models.PositiveIntegerField(_("documents"), default=0)
    done = models.PositiveIntegerField(_("rendered"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    zip_file = models.FileField(_("ZIP file"), upload_to="pdf-batches/", blank=True)
    # Bumped by every finished item: the watchdog re-enqueues work when it stops moving.
    progressed_at = models.DateTimeField(_("last progress"), auto_now_add=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF batch")
        verbose_name_plural = _("PDF batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cycle_id}/{self.unit_id or '*'} #{self.pk}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * (self.done + self.failed) / self.total)

    @property
    def finished(self) -> bool:
        return self.status == self.Status.DONE


class PdfBatchItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    batch = models.ForeignKey(PdfBatch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="items")
    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("file"), upload_to="pdf-batches/", blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("PDF batch item")
        verbose_name_plural = _("PDF batch items")
        ordering = ["batch_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["batch", "review"], name="pdf_batch_item_unique_review")]
        indexes = [models.Index(fields=["batch", "status"], name="pdf_batch_item_status_idx")]

    def __str__(self) -> str:
        return f"{self.batch_id}: {self.review_id}"
