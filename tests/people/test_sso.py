"""Single sign-on end to end against a real OpenID Connect provider run on loopback (oidc-provider-mock).

The provider is its own process on 127.0.0.1; the browser's side of the redirect dance is driven with
Django's test client (Perfcycle) and requests (the provider's authorize form), and Perfcycle's backend talks
to the provider's token, userinfo and JWKS endpoints over HTTP, as in production.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import authenticate
from django.core.management import call_command

from tests.sso import MODEL_BACKEND, configure_sso, free_port, provider_knows, provider_process  # noqa: F401

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def sso(settings, provider):
    return configure_sso(settings, provider)


@pytest.fixture
def sso_only(settings, provider):
    return configure_sso(settings, provider, only=True)


def _sign_in(client, provider: str, sub: str, *, next_url: str = "", action: str = ""):
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


def _logged_in_as(client):
    return client.get("/api/me/").json().get("email")


def test_sign_in_matches_the_person_by_email(client, org, sso, provider):
    provider_knows(provider, "u-1001", {"email": "EMPLOYEE@Example.COM", "email_verified": True})
    response = _sign_in(client, provider, "u-1001", next_url="/org/")
    assert response.status_code == 302
    assert response["Location"] == "/org/"
    assert _logged_in_as(client) == org.employee.user.email
    assert client.get("/org/").status_code == 200


def test_sign_in_without_next_lands_on_the_home_page(client, org, sso, provider):
    provider_knows(provider, "u-1002", {"email": org.manager.user.email})
    response = _sign_in(client, provider, "u-1002")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in_as(client) == org.manager.user.email


def test_deactivating_a_person_ends_their_single_sign_on_session(client, org, sso, provider, django_user_model):
    provider_knows(provider, "u-1006", {"email": org.peer.user.email})
    assert _sign_in(client, provider, "u-1006").status_code == 302
    assert _logged_in_as(client) == org.peer.user.email
    django_user_model.objects.filter(pk=org.peer.user.pk).update(is_active=False)
    assert client.get("/api/me/").status_code in (401, 403)
    assert client.get("/org/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("claims", "says"),
    [
        ({"email": "stranger@elsewhere.example"}, "No Perfcycle account uses the email address"),
        ({"email": "inactive@example.com"}, "Your Perfcycle account is deactivated"),
        ({"email": "employee@example.com", "email_verified": False}, "did not give us a verified email address"),
        ({"name": "No Email"}, "did not give us a verified email address"),
    ],
    ids=["unknown", "inactive", "unverified", "no-email"],
)
def test_a_refused_sign_in_says_why(client, org, sso, provider, claims, says, request):
    sub = f"refused-{request.node.callspec.id}"
    provider_knows(provider, sub, claims)
    response = _sign_in(client, provider, sub)
    assert response.status_code == 403
    assert says in response.content.decode()
    assert client.get("/api/me/").status_code in (401, 403)
    assert not response.wsgi_request.user.is_authenticated


def test_no_account_is_created_for_an_unknown_email(client, org, sso, provider, django_user_model):
    before = django_user_model.objects.count()
    provider_knows(provider, "u-new", {"email": "new.hire@example.com"})
    assert _sign_in(client, provider, "u-new").status_code == 403
    assert django_user_model.objects.count() == before


def test_cancelled_at_the_provider(client, org, sso, provider):
    response = _sign_in(client, provider, "", action="deny")
    assert response.status_code == 403
    assert "cancelled at your identity provider" in response.content.decode()


def test_a_callback_cannot_be_replayed(client, org, sso, provider):
    provider_knows(provider, "u-1003", {"email": org.employee.user.email})
    start = client.get("/oidc/authenticate/")
    answer = requests.post(start["Location"], data={"sub": "u-1003"}, allow_redirects=False, timeout=5)
    callback = urlsplit(answer.headers["Location"])
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    client.logout()
    replay = client.get(f"{callback.path}?{callback.query}")
    assert replay.status_code == 403
    assert "could not be completed" in replay.content.decode()
    client.get("/oidc/authenticate/")  # a sign-in under way: the session holds another state
    replay = client.get(f"{callback.path}?{callback.query}")
    assert replay.status_code == 403
    assert "could not be completed" in replay.content.decode()
    assert client.get("/api/me/").status_code in (401, 403)


def test_a_code_the_provider_does_not_honour_is_a_clear_refusal(client, org, sso, provider):
    provider_knows(provider, "u-1004", {"email": org.employee.user.email})
    start = client.get("/oidc/authenticate/")
    # The provider issues the code to another client: it refuses to exchange it for Perfcycle.
    location = start["Location"].replace("client_id=perfcycle", "client_id=someone-else")
    answer = requests.post(location, data={"sub": "u-1004"}, allow_redirects=False, timeout=5)
    callback = urlsplit(answer.headers["Location"])
    response = client.get(f"{callback.path}?{callback.query}")
    assert response.status_code == 403
    assert "could not be completed" in response.content.decode()
    assert client.get("/api/me/").status_code in (401, 403)


def test_an_id_token_from_another_issuer_is_refused(client, org, sso, provider):
    sso.OIDC_OP_ISSUER = "https://login.other.example"
    provider_knows(provider, "u-1007", {"email": org.employee.user.email})
    response = _sign_in(client, provider, "u-1007")
    assert response.status_code == 403
    assert "could not be completed" in response.content.decode()
    assert client.get("/api/me/").status_code in (401, 403)


def test_an_unreachable_provider_is_a_clear_refusal(client, org, sso, provider):
    provider_knows(provider, "u-1005", {"email": org.employee.user.email})
    start = client.get("/oidc/authenticate/")
    answer = requests.post(start["Location"], data={"sub": "u-1005"}, allow_redirects=False, timeout=5)
    callback = urlsplit(answer.headers["Location"])
    sso.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{free_port()}/oauth2/token"  # nothing listens there
    response = client.get(f"{callback.path}?{callback.query}")
    assert response.status_code == 403
    assert "could not be completed" in response.content.decode()


def test_login_page_offers_the_provider_next_to_the_password_form(client, db, sso):
    page = client.get("/accounts/login/?next=/org/").content.decode()
    assert "Sign in with Acme ID" in page
    assert 'href="/oidc/authenticate/?next=/org/"' in page
    assert 'name="password"' in page


def test_without_sso_everything_is_as_before(client, org, settings):
    assert settings.SSO_ENABLED is False
    page = client.get("/accounts/login/").content.decode()
    assert "/oidc/authenticate/" not in page
    assert 'name="password"' in page
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    org.employee.user.set_password("pw-1234-xyz")
    org.employee.user.save()
    response = client.post("/accounts/login/", {"username": "employee@example.com", "password": "pw-1234-xyz"})
    assert response.status_code == 302
    assert client.get("/accounts/password_reset/").status_code == 200


def test_without_sso_only_the_admin_password_change_is_there(client, org, sso, django_user_model):
    django_user_model.objects.filter(pk=org.hr_admin.user.pk).update(is_staff=True)
    client.force_login(org.hr_admin.user, backend=MODEL_BACKEND)
    assert client.get("/admin/password_change/").status_code == 200


class TestSSOOnly:
    def test_login_page_shows_only_the_provider(self, client, db, sso_only):
        page = client.get("/accounts/login/").content.decode()
        assert "Sign in with Acme ID" in page
        assert 'name="password"' not in page
        assert "/accounts/password_reset/" not in page

    def test_password_login_is_refused(self, client, org, sso_only):
        org.employee.user.set_password("pw-1234-xyz")
        org.employee.user.save()
        response = client.post("/accounts/login/", {"username": "employee@example.com", "password": "pw-1234-xyz"})
        assert response.status_code == 403
        assert "Passwords are turned off" in response.content.decode()
        assert client.get("/api/me/").status_code in (401, 403)
        assert authenticate(username="employee@example.com", password="pw-1234-xyz") is None

    @pytest.mark.parametrize(
        "url",
        ["/accounts/password_reset/", "/accounts/password_reset/done/", "/accounts/reset/MQ/set-password/",
         "/accounts/reset/done/"],
    )
    def test_password_reset_is_off(self, client, org, sso_only, url, mailoutbox):
        assert client.get(url).status_code == 403
        assert client.post(url, {"email": "employee@example.com"}).status_code == 403
        assert mailoutbox == []

    def test_password_change_is_off(self, client, org, sso_only):
        client.force_login(org.employee.user, backend="people.oidc.SSOBackend")
        assert client.get("/accounts/password_change/").status_code == 403
        response = client.post("/accounts/password_change/", {"old_password": "x", "new_password1": "Long-pw-123",
                                                              "new_password2": "Long-pw-123"})
        assert response.status_code == 403

    def test_the_admin_password_change_is_off(self, client, org, sso_only, django_user_model):
        django_user_model.objects.filter(pk=org.hr_admin.user.pk).update(is_staff=True)
        client.force_login(org.hr_admin.user, backend="people.oidc.SSOBackend")
        assert client.get("/admin/").status_code == 200
        assert client.get("/admin/password_change/").status_code == 403

    def test_admin_login_goes_to_the_login_page(self, client, org, sso_only):
        response = client.get("/admin/login/?next=/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/admin/")
        assert client.post("/admin/login/", {"username": "hr@example.com", "password": "x"}).status_code == 403

    def test_sign_in_through_the_provider_still_works(self, client, org, sso_only, provider):
        provider_knows(provider, "u-2001", {"email": org.hr_admin.user.email})
        assert _sign_in(client, provider, "u-2001").status_code == 302
        assert _logged_in_as(client) == org.hr_admin.user.email

    def test_a_session_begun_with_a_password_ends(self, client, org, request):
        client.force_login(org.employee.user, backend=MODEL_BACKEND)
        assert _logged_in_as(client) == org.employee.user.email
        request.getfixturevalue("sso_only")
        assert client.get("/api/me/").status_code in (401, 403)
        assert client.get("/org/")["Location"].startswith("/accounts/login/")

    def test_api_tokens_still_work(self, org, sso_only, api):
        assert api(org.employee).get("/api/me/").status_code == 200


def _settings_env(**extra) -> dict:
    # A production environment: none of the test run's own settings (the browser tests allow sync ORM calls
    # beside Playwright's event loop, which check --deploy rightly refuses).
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OIDC_", "SSO_", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC_UNSAFE"))}
    production = {"DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "perfcycle.example.com"}
    return env | production | extra


SSO_ENV = {
    "OIDC_RP_CLIENT_ID": "perfcycle",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://id.example.com/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://id.example.com/token",
    "OIDC_OP_USER_ENDPOINT": "https://id.example.com/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://id.example.com/jwks",
    "SSO_ONLY": "true",
}


def _manage(*args, **env):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=_settings_env(**env),
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_sso_only_on():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **SSO_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _load_settings(**env):
    return subprocess.run(  # noqa: S603 - our own interpreter, a fixed import
        [sys.executable, "-c", "import config.settings"], cwd=BASE_DIR, env=_settings_env(**env),
        capture_output=True, text=True, timeout=60,
    )


def test_a_half_configured_provider_is_refused_at_start():
    result = _load_settings(**(SSO_ENV | {"OIDC_OP_JWKS_ENDPOINT": ""}))
    assert result.returncode != 0
    assert "OIDC_OP_JWKS_ENDPOINT" in result.stderr


def test_sso_only_without_a_provider_is_refused_at_start():
    result = _load_settings(SSO_ONLY="true")
    assert result.returncode != 0
    assert "SSO_ONLY=true needs single sign-on configured" in result.stderr


def test_discovery_prints_the_settings_of_a_provider(provider, capsys):
    call_command("sso_discover", provider)
    out = capsys.readouterr().out
    assert f"OIDC_OP_ISSUER={provider}\n" in out
    assert f"OIDC_OP_AUTHORIZATION_ENDPOINT={provider}/oauth2/authorize\n" in out
    assert f"OIDC_OP_TOKEN_ENDPOINT={provider}/oauth2/token\n" in out
    assert f"OIDC_OP_USER_ENDPOINT={provider}/userinfo\n" in out
    assert f"OIDC_OP_JWKS_ENDPOINT={provider}/jwks\n" in out


def test_refused_sign_ins_do_not_lock_single_sign_on_out(client, org, sso, provider, settings):
    """The provider checks passwords, not Perfcycle: refusals here are no guessing to throttle."""
    settings.AXES_ENABLED = True
    provider_knows(provider, "u-3001", {"email": "stranger@elsewhere.example"})
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert _sign_in(client, provider, "u-3001").status_code == 403
    provider_knows(provider, "u-3002", {"email": org.employee.user.email})
    assert _sign_in(client, provider, "u-3002").status_code == 302
    assert _logged_in_as(client) == org.employee.user.email
