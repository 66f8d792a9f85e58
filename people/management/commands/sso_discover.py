"""``manage.py sso_discover ISSUER``: read a provider's discovery document, print the environment it needs."""

import requests
from django.core.management.base import BaseCommand, CommandError

FIELDS = {
    "OIDC_OP_ISSUER": "issuer",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class Command(BaseCommand):
    help = (
        "Read ISSUER/.well-known/openid-configuration and print the OIDC_OP_* lines to put in Perfcycle's "
        "environment (single sign-on reads them at start; it never calls the provider at import)."
    )

    def add_arguments(self, parser):
        parser.add_argument("issuer", help="the provider's issuer URL, e.g. https://login.example.com/realms/acme")

    def handle(self, *args, issuer: str, **options):
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=10)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise CommandError(f"Could not read {url}: {exc}") from exc
        missing = [key for key in FIELDS.values() if not document.get(key)]
        if missing:
            raise CommandError(f"{url} does not name: {', '.join(missing)}")
        for name, key in FIELDS.items():
            self.stdout.write(f"{name}={document[key]}")
        algorithms = document.get("id_token_signing_alg_values_supported") or []
        if algorithms and "RS256" not in algorithms:
            self.stdout.write(f"OIDC_RP_SIGN_ALGO={algorithms[0]}")
