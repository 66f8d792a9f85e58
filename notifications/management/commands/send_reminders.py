"""Queue today's deadline reminders; run it once a day from cron (running it twice sends nothing new)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from notifications.services import send_reminders


class Command(BaseCommand):
    help = "Queue the reminders due today (N days before a deadline and the day after it)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to remind for, YYYY-MM-DD (default: today)")

    def handle(self, *args, date=None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date (YYYY-MM-DD).") from None
        queued = send_reminders(day)
        self.stdout.write(f"{queued} reminders queued.")
