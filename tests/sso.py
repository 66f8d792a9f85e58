"""A real OpenID Connect provider for the single sign-on tests: oidc-provider-mock in its own process on a
free loopback port, and Perfcycle's settings pointed at it as the environment would point them.

Test modules take the fixture with ``from tests.sso import provider_process  # noqa: F401``.
"""

import socket
import subprocess
import sys
import time

import pytest
import requests

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module", name="provider")
def provider_process():
    """The provider's base URL; the process lives as long as the test module."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{base}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the OpenID Connect provider did not start")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def configure_sso(settings, provider: str, *, only: bool = False):
    """Single sign-on on, against ``provider``, with the backends in the order config/settings.py gives them."""
    settings.OIDC_RP_CLIENT_ID = "perfcycle"
    settings.OIDC_RP_CLIENT_SECRET = "s3cret"
    settings.OIDC_OP_ISSUER = provider
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.SSO_ENABLED = True
    settings.SSO_ONLY = only
    settings.SSO_PROVIDER_NAME = "Acme ID"
    backends = list(settings.AUTHENTICATION_BACKENDS)
    backends.insert(backends.index(MODEL_BACKEND), "people.oidc.SSOBackend")
    settings.AUTHENTICATION_BACKENDS = [b for b in backends if not (only and b == MODEL_BACKEND)]
    return settings


def provider_knows(provider: str, sub: str, claims: dict) -> None:
    """Tell the provider who the subject ``sub`` is (its claims: email, email_verified, name…)."""
    requests.put(f"{provider}/users/{sub}", json=claims, timeout=5).raise_for_status()
