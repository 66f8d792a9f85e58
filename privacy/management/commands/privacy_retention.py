"""Erase the people past the retention period; run it daily (cron or a systemd timer, see privacy/README.md)."""

from django.core.management.base import BaseCommand

from privacy.erasure import erasable, retention_days
from privacy.services import retention_run
from privacy.tasks import privacy_retention


class Command(BaseCommand):
    help = "Queue (or with --now run) the erasure of everyone inactive for longer than PRIVACY_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run here and now instead of in the background")
        parser.add_argument("--dry-run", action="store_true", help="only count who is due")

    def handle(self, *args, now=False, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"{erasable().count()} people left more than {retention_days()} days ago.")
        elif now:
            self.stdout.write(f"{retention_run()} people erased.")
        else:
            result = privacy_retention.enqueue()
            self.stdout.write(f"Retention run queued ({result.id}).")
