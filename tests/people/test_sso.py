"""Single sign-on end to end against a real OpenID Connect provider run on loopback (oidc-provider-mock).

The provider is its own process on 127.0.0.1; the browser's side of the redirect dance is driven with
Django's test client (Perfcycle) and requests (the provider's authorize form), and Perfcycle's backend talks
to the provider's token, userinfo and JWKS endpoints over HTTP, as in production.
"""

from urllib.parse import urlsplit

import pytest
import requests
from django.core.management import call_command

from tests.sso import free_port, provider_knows, provider_process  # noqa: F401

from .sso_sign_in import logged_in_as, sign_in, sso_on  # noqa: F401


def test_sign_in_matches_the_person_by_email(client, org, sso, provider):
    provider_knows(provider, "u-1001", {"email": "EMPLOYEE@Example.COM", "email_verified": True})
    response = sign_in(client, provider, "u-1001", next_url="/org/")
    assert response.status_code == 302
    assert response["Location"] == "/org/"
    assert logged_in_as(client) == org.employee.user.email
    assert client.get("/org/").status_code == 200


def test_sign_in_without_next_lands_on_the_home_page(client, org, sso, provider):
    provider_knows(provider, "u-1002", {"email": org.manager.user.email})
    response = sign_in(client, provider, "u-1002")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_as(client) == org.manager.user.email


def test_deactivating_a_person_ends_their_single_sign_on_session(client, org, sso, provider, django_user_model):
    provider_knows(provider, "u-1006", {"email": org.peer.user.email})
    assert sign_in(client, provider, "u-1006").status_code == 302
    assert logged_in_as(client) == org.peer.user.email
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
    response = sign_in(client, provider, sub)
    assert response.status_code == 403
    assert says in response.content.decode()
    assert client.get("/api/me/").status_code in (401, 403)
    assert not response.wsgi_request.user.is_authenticated


def test_no_account_is_created_for_an_unknown_email(client, org, sso, provider, django_user_model):
    before = django_user_model.objects.count()
    provider_knows(provider, "u-new", {"email": "new.hire@example.com"})
    assert sign_in(client, provider, "u-new").status_code == 403
    assert django_user_model.objects.count() == before


def test_cancelled_at_the_provider(client, org, sso, provider):
    response = sign_in(client, provider, "", action="deny")
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
    response = sign_in(client, provider, "u-1007")
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
        assert sign_in(client, provider, "u-3001").status_code == 403
    provider_knows(provider, "u-3002", {"email": org.employee.user.email})
    assert sign_in(client, provider, "u-3002").status_code == 302
    assert logged_in_as(client) == org.employee.user.email
