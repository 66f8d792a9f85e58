"""``manage.py api_token EMAIL``: print the API token of that account, and nothing else (for scripts)."""

from django.core.management.base import BaseCommand, CommandError

from people.models import User
from people.services import api_token_for


class Command(BaseCommand):
    help = "Print the API token for the person with this email (created once, then reused)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the email {email!r}.")
        self.stdout.write(api_token_for(user=user))
