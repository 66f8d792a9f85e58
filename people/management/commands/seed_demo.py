"""``manage.py seed_demo``: load the demo organisation, or print its logins."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from people.demo import DEMO_LOGINS, DEMO_PASSWORD, MAX_EMPLOYEES, MIN_EMPLOYEES, org_delete, run_demo_steps, seed_org
from people.models import Person


class Command(BaseCommand):
    help = "Load a realistic demo organisation (the same one for the same seed); every demo login's password is 'demo'."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=200, help="how many people (default 200)")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same organisation")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when any person already exists")
        parser.add_argument("--reset", action="store_true",
                            help="first delete every person, unit and account (superusers' accounts stay)")
        parser.add_argument("--print-logins", action="store_true",
                            help="only print the demo logins, load nothing")

    def handle(self, *args, employees: int, seed: int, if_empty: bool, reset: bool, print_logins: bool, **options):
        if print_logins:
            self.print_logins()
            return
        if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
            raise CommandError(f"--employees must be between {MIN_EMPLOYEES} and {MAX_EMPLOYEES}, got {employees}")
        existing = Person.objects.count()
        if existing and if_empty:
            self.stdout.write(f"The database already has {existing} people: demo data not loaded.")
            return
        if existing and not reset:
            raise CommandError(
                f"The database already has {existing} people. Run with --reset to replace them with the demo "
                "organisation (that deletes every person, unit and account except superusers')."
            )
        started = time.perf_counter()
        try:
            with transaction.atomic():
                if reset:
                    deleted = org_delete()
                    self.stdout.write(f"Deleted {deleted} people, their units and accounts.")
                org = seed_org(employees=employees, seed=seed)
                run_demo_steps(org)
        except IntegrityError as exc:
            # An account outside the org chart (no person) can hold a demo email.
            raise CommandError(f"The demo data clashes with existing rows ({exc}); run with --reset.") from exc
        self.stdout.write(self.style.SUCCESS(
            f"Loaded the demo organisation: {len(org.people)} people in {len(org.units)} units "
            f"(seed {seed}) in {time.perf_counter() - started:.1f} s."
        ))

    def print_logins(self) -> None:
        width = max(len(email) for email, _ in DEMO_LOGINS) + 2
        self.stdout.write(f"{'email':<{width}}role")
        for email, role in DEMO_LOGINS:
            self.stdout.write(f"{email:<{width}}{role}")
        self.stdout.write(f"password: {DEMO_PASSWORD}")
