"""``manage.py revoke_role EMAIL ROLE [--unit UNIT_PATH]``: take back a role given by grant_role."""

from django.core.management.base import BaseCommand

from people.services import role_revoke

from .grant_role import add_role_arguments, describe, holds, resolve_role


class Command(BaseCommand):
    help = "Take a role away: hr_admin, or hr_partner for a unit."

    def add_arguments(self, parser):
        add_role_arguments(parser)

    def handle(self, *args, email: str, role: str, unit: str | None, **options):
        user, role, target = resolve_role(email, role, unit)
        if not holds(user, role, target):
            self.stdout.write(f"{user.email} does not have {describe(role, target)}: nothing to revoke.")
            return
        role_revoke(user=user, role=role, unit=target)
        self.stdout.write(f"Revoked {describe(role, target)} from {user.email}.")
