"""SSO_ONLY=true: passwords are turned off (the login form, the admin's login, password reset and change),
sessions begun with a password end; the provider and API tokens keep working."""

import pytest
from django.contrib.auth import authenticate

from tests.sso import MODEL_BACKEND, provider_knows, provider_process  # noqa: F401

from .sso_sign_in import logged_in_as, sign_in, sso_on, sso_only_on  # noqa: F401


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
        assert sign_in(client, provider, "u-2001").status_code == 302
        assert logged_in_as(client) == org.hr_admin.user.email

    def test_a_session_begun_with_a_password_ends(self, client, org, request):
        client.force_login(org.employee.user, backend=MODEL_BACKEND)
        assert logged_in_as(client) == org.employee.user.email
        request.getfixturevalue("sso_only")
        assert client.get("/api/me/").status_code in (401, 403)
        assert client.get("/org/")["Location"].startswith("/accounts/login/")

    def test_api_tokens_still_work(self, org, sso_only, api):
        assert api(org.employee).get("/api/me/").status_code == 200
