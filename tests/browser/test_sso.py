"""Single sign-on in a real browser: the login page's button, the provider's page, back to Perfcycle.

Chromium follows every redirect itself, with its own cookie rules (SameSite) and Perfcycle's content
security policy, against the loopback OpenID Connect provider of tests/sso.py.
"""

import re

import pytest

from tests.browser.conftest import axe_violations
from tests.sso import configure_sso, provider_knows, provider_process  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def _loopback_only(route):
    """Nothing leaves the machine: the provider's page asks a CDN for its stylesheet."""
    if re.match(r"https?://(127\.0\.0\.1|localhost)(:\d+)?/", route.request.url):
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def tab(browser, live_server):
    """A browser tab; the script errors and content security policy refusals it meets."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.route("**/*", _loopback_only)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
    page.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    yield page, errors
    context.close()


def _through_the_provider(page, sub: str):
    page.get_by_role("link", name="Sign in with Acme ID").click()
    page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/oauth2/authorize\?"))
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_load_state()


def test_a_person_signs_in_with_the_provider_and_lands_where_they_were_going(org, settings, provider, tab):
    configure_sso(settings, provider, only=True)
    provider_knows(provider, "emp-77", {"email": org.employee.user.email, "email_verified": True})
    page, errors = tab
    page.goto("/org/")
    assert "/accounts/login/?next=/org/" in page.url
    assert page.get_by_label(re.compile("password", re.I)).count() == 0
    assert axe_violations(page) == []
    _through_the_provider(page, "emp-77")
    assert page.url.endswith("/org/"), page.url
    assert page.get_by_role("heading", level=1).count() >= 1
    me = page.request.get("/api/me/")
    assert me.status == 200 and me.json()["email"] == org.employee.user.email
    assert errors == []


def test_an_unknown_email_sees_why_it_was_refused(org, settings, provider, tab):
    configure_sso(settings, provider)
    provider_knows(provider, "stranger-1", {"email": "stranger@elsewhere.example"})
    page, errors = tab
    page.goto("/accounts/login/")
    _through_the_provider(page, "stranger-1")
    assert "/oidc/callback/" in page.url
    assert page.get_by_role("heading", name="We could not sign you in").is_visible()
    assert "No Perfcycle account uses the email address" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
    assert page.request.get("/api/me/").status in (401, 403)
    assert errors == []
