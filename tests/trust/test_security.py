"""Security settings: the content security policy, login throttling, CSRF, sessions and production cookies."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.cycles.factories import current_quarter

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
PASSWORD = "correct horse battery"

# An inline script is a <script> without src, unless it only carries data (type="application/json").
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_ATTR = re.compile(r"""<[a-z][^>]*\sstyle\s*=""", re.IGNORECASE | re.DOTALL)
STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)
HANDLER_ATTR = re.compile(r"""<[a-z][^>]*\s(on[a-z]+|hx-on[:\w-]*)\s*=""", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def inline_code(html: str) -> list[str]:
    """What a strict content security policy would block in ``html``."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group(1)
        if not re.search(r"\bsrc\s*=", attrs) and not re.search(r"""type\s*=\s*["']application/json["']""", attrs):
            found.append(match.group(0))
    for pattern in (STYLE_ATTR, STYLE_TAG, HANDLER_ATTR, JS_URL):
        found.extend(m.group(0)[:80] for m in pattern.finditer(html))
    return found


def project_templates() -> list[Path]:
    skip = {".venv", "staticfiles", "node_modules", ".git"}
    return sorted(p for p in ROOT.rglob("templates/**/*.html") if not skip & set(p.relative_to(ROOT).parts))


def source(path: Path) -> str:
    """A template without its comments."""
    text = re.sub(r"\{#.*?#\}", "", path.read_text(), flags=re.DOTALL)
    return re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", "", text, flags=re.DOTALL)


def test_the_scanner_finds_what_the_policy_blocks():
    assert inline_code('<script>alert(1)</script><p style="color: red" onclick="x()">')
    assert inline_code('<a href="javascript:void(0)">') and inline_code("<style>p {}</style>")
    assert inline_code('<button hx-on:click="go()">')
    assert not inline_code('<script src="/static/js/htmx.min.js" defer></script>')
    assert not inline_code('<script type="application/json" id="data">{"a": 1}</script>')


def test_no_template_has_inline_script_or_style():
    """Every page (and those still to come) must pass the policy: JS and CSS live in static/ files."""
    templates = project_templates()
    assert len(templates) > 20
    offenders = {str(p.relative_to(ROOT)): found for p in templates if (found := inline_code(source(p)))}
    assert offenders == {}


def test_every_post_form_in_the_templates_carries_the_csrf_token():
    forms = re.compile(r"<form\b[^>]*method\s*=\s*[\"']post[\"'][^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)
    missing = [
        str(p.relative_to(ROOT))
        for p in project_templates()
        for body in forms.findall(source(p))
        if "csrf_token" not in body
    ]
    assert missing == []


def _page_routes() -> list[str]:
    """The pages whose URL takes no argument (the API, admin, SSO and language switch aside)."""

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    skip = ("api/", "admin/", "oidc/", "i18n/", "healthz")
    return sorted({
        "/" + route for route in walk(get_resolver().url_patterns)
        if "<" not in route and "(?P" not in route and "^" not in route and not route.startswith(skip)
    })


def test_every_page_answers_with_the_policy_and_renders_no_inline_code(org, web):
    routes = _page_routes()
    assert "/" in routes and "/accounts/login/" in routes
    browser = web(org.hr_admin)
    checked = 0
    for route in routes:
        response = browser.get(route)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, route
        assert inline_code(response.content.decode()) == [], route
    assert checked >= 10
    anonymous = Client().get(reverse("login"))
    assert inline_code(anonymous.content.decode()) == []
    assert 'name="csrfmiddlewaretoken"' in anonymous.content.decode()


def test_the_policy_forbids_inline_code_and_framing(client):
    policy = dict(
        part.strip().split(" ", 1) for part in client.get(reverse("login"))["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'"


def test_the_api_docs_load_their_script_from_a_url_not_inline(org, web):
    browser = web(org.employee)
    page = browser.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert inline_code(html) == []
    script_url = re.search(r'<script src="([^"]*script[^"]*)"', html).group(1).replace("&amp;", "&")
    script = browser.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# Login throttling.


def _login(email: str, password: str, *, ip: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=ip).post(reverse("login"), {"username": email, "password": password})


@pytest.fixture
def throttled(org):
    """Axes on (the test settings turn it off), the employee with a known password."""
    user = org.employee.user
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5):
        yield user


def test_the_sixth_login_after_five_wrong_passwords_is_refused_with_a_clear_page(throttled):
    for attempt in range(4):
        response = _login(throttled.email, f"wrong {attempt}")
        assert response.status_code == 200  # the form again, with its error
        assert "_auth_user_id" not in response.client.session
    assert _login(throttled.email, "wrong 5").status_code == 429  # the fifth failure locks at once
    locked = _login(throttled.email, PASSWORD)  # the sixth, with the right password
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many failed log-ins" in html and "15 minutes" in html
    assert "_auth_user_id" not in locked.client.session
    assert inline_code(html) == []
    # The count is per email whatever its case, and per address: the same person elsewhere may still log in.
    assert _login(throttled.email.upper(), PASSWORD).status_code == 429
    assert _login(throttled.email, PASSWORD, ip="10.0.0.2").status_code == 302


def test_a_successful_login_resets_the_count(throttled):
    for attempt in range(4):
        _login(throttled.email, f"wrong {attempt}")
    assert _login(throttled.email, PASSWORD).status_code == 302
    for attempt in range(4):
        _login(throttled.email, f"wrong again {attempt}")
    assert _login(throttled.email, PASSWORD).status_code == 302


def test_a_locked_out_person_keeps_using_the_api_with_a_token(throttled):
    for attempt in range(6):
        _login(throttled.email, f"wrong {attempt}")
    assert _login(throttled.email, PASSWORD).status_code == 429
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=throttled).key}")
    assert client.get("/api/me/").status_code == 200


def test_login_throttling_is_configured_per_email_and_address():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)


# CSRF and sessions.


def test_a_session_authenticated_api_write_without_the_csrf_token_is_refused(org):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(org.employee.user)
    body = json.dumps({"title": "Sneaky", "level": "personal", "owner": org.employee.pk,
                       "period": current_quarter().pk})
    refused = browser.post("/api/objectives/", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    token = browser.get("/goals/objectives/new/").cookies["csrftoken"].value  # a page with a form sets it
    allowed = browser.post("/api/objectives/", body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code == 201, allowed.content


def test_a_page_form_post_without_the_csrf_token_is_refused(org):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(org.employee.user)
    assert browser.post(reverse("logout")).status_code == 403


def test_sessions_expire_after_twelve_hours_and_when_the_browser_closes(org):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    browser = Client()
    browser.force_login(org.employee.user)
    assert browser.get("/goals/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = browser.get("/goals/")
    assert expired.status_code == 302 and expired["Location"].startswith(reverse("login"))


def test_production_settings_turn_on_https_only_cookies_and_hsts():
    """Importing the settings with DEBUG off, as a deployment does."""
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 64, "ALLOWED_HOSTS": "perfcycle.example.com"}
    env.pop("SECURE_SSL_REDIRECT", None)
    code = (
        "import json, config.settings as s; print(json.dumps({k: getattr(s, k, None) for k in ("
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS', 'AXES_ENABLED')}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                            check=True, timeout=60)
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SECURE_SSL_REDIRECT"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["X_FRAME_OPTIONS"] == "DENY"
    assert values["AXES_ENABLED"] is True
