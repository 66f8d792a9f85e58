"""Re-queue the pending work of PDF batches that stopped moving (a worker died mid-chunk).

The watchdog task and the progress page do this on their own; this command is for cron or an operator.
"""

from django.core.management.base import BaseCommand

from documents.models import PdfBatch
from documents.tasks import batch_recover


class Command(BaseCommand):
    help = "Re-queue pending items of PDF batches that made no progress for PDF_BATCH_STALE_SECONDS."

    def handle(self, *args, **options):
        requeued = 0
        for batch in PdfBatch.objects.filter(status=PdfBatch.Status.RUNNING):
            chunks = batch_recover(batch)
            if chunks:
                requeued += 1
                self.stdout.write(f"batch {batch.pk}: {chunks} chunk(s) queued again")
        self.stdout.write(f"{requeued} batch(es) re-queued")
