"""Single sign-on as the tests drive it: the fixtures that turn it on against the loopback provider, and a
sign-in walked through with Django's test client (Perfcycle) and requests (the provider's authorize form).

Test modules take the fixtures with ``from .sso_sign_in import sso_on, sso_only_on  # noqa: F401``.
"""

from urllib.parse import urlsplit

import pytest
import requests

from tests.sso import configure_sso


@pytest.fixture(name="sso")
def sso_on(settings, provider):
    """Single sign-on on, beside passwords."""
    return configure_sso(settings, provider)


@pytest.fixture(name="sso_only")
def sso_only_on(settings, provider):
    """Single sign-on on, passwords off (SSO_ONLY=true)."""
    return configure_sso(settings, provider, only=True)


def sign_in(client, provider: str, sub: str, *, next_url: str = "", action: str = ""):
    """Perfcycle → the provider's authorize form (submitted as `sub`) → Perfcycle's callback; its response."""
    start = client.get("/oidc/authenticate/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider}/oauth2/authorize?")
    form = {"action": action} if action else {"sub": sub}
    answer = requests.post(start["Location"], data=form, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    callback = urlsplit(answer.headers["Location"])
    assert callback.path == "/oidc/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def logged_in_as(client):
    return client.get("/api/me/").json().get("email")
