"""Fill the meeting calendar and queue the reminders due; run it hourly from cron (a second run adds nothing)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from meetings import notifications, services


class Command(BaseCommand):
    help = "Generate the coming meetings of every series and queue the meeting reminders due."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="how many days ahead to generate (default 28)")
        parser.add_argument("--queue", action="store_true", help="run it as a background task instead")

    def handle(self, *args, days=None, queue=False, **options):
        if queue:
            from meetings.tasks import meetings_plan

            meetings_plan.enqueue()
            self.stdout.write("Queued.")
            return
        if days is not None and not 1 <= days <= 366:
            raise CommandError("--days must be between 1 and 366.")
        until = timezone.localdate() + dt.timedelta(days=days) if days else None
        added = services.occurrences_generate(until=until)
        queued = notifications.meeting_reminders()
        self.stdout.write(f"{added} meetings added, {queued} reminders queued.")
