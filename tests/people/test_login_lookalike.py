"""Every spelling of one email is one login: the login form, the backend and the throttle fold an address the same
way (NFKC, case folded, stripped), so a full-width or upper-case lookalike neither slips past a lockout nor keeps
checking passwords for the account it stands for."""

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from config.env import axes_username
from people.emails import canonical_email
from people.models import User

PASSWORD = "Kite-Orbit-1897"
EMAIL = "employee@example.com"
LOOKALIKES = [
    "emplo\uff59ee@example.com",  # full-width y
    "\uff45\uff4d\uff50\uff4c\uff4f\uff59\uff45\uff45\uff20\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.\uff43\uff4f\uff4d",
    "EMPLOYEE@EXAMPLE.COM",
    "  Employee@Example.com ",
    "EMPLO\uff39EE@example.com",  # full-width capital Y
]


def _login(email: str, password: str, *, ip: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=ip).post(reverse("login"), {"username": email, "password": password})


def _signed_in(response) -> bool:
    return "_auth_user_id" in response.client.session


@pytest.fixture
def throttled(org):
    user = org.employee.user
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5):
        yield user


@pytest.mark.parametrize("spelling", LOOKALIKES)
def test_each_lookalike_folds_to_the_one_spelling(spelling):
    assert canonical_email(spelling) == EMAIL


@pytest.mark.parametrize("spelling", LOOKALIKES)
def test_a_lookalike_with_the_right_password_is_refused_once_the_email_is_locked(throttled, spelling):
    for attempt in range(5):
        _login(EMAIL, f"wrong {attempt}")
    locked = _login(spelling, PASSWORD)
    assert locked.status_code == 429
    assert not _signed_in(locked)


@pytest.mark.parametrize("spelling", LOOKALIKES)
def test_failures_under_lookalikes_lock_the_email_itself(throttled, spelling):
    for attempt in range(5):
        response = _login(spelling, f"wrong {attempt}")
        assert not _signed_in(response)
    locked = _login(EMAIL, PASSWORD)
    assert locked.status_code == 429
    assert not _signed_in(locked)


def test_a_locked_email_checks_no_more_passwords_under_any_spelling(throttled):
    """Once locked, every spelling answers the same lockout, right password or wrong: no oracle is left."""
    for attempt in range(5):
        _login(EMAIL, f"wrong {attempt}")
    answers = {(_login(spelling, password).status_code, _signed_in(_login(spelling, password)))
               for spelling in LOOKALIKES for password in (PASSWORD, "still wrong")}
    assert answers == {(429, False)}


def test_wrong_passwords_for_a_lookalike_never_sign_in(throttled):
    for spelling in LOOKALIKES[:3]:
        response = _login(spelling, "not the password")
        assert response.status_code == 200 and not _signed_in(response)


@pytest.mark.parametrize("spelling", LOOKALIKES)
def test_a_lookalike_signs_in_as_the_one_account_while_not_locked(throttled, spelling):
    response = _login(spelling, PASSWORD)
    assert response.status_code == 302
    assert int(response.client.session["_auth_user_id"]) == throttled.pk


def test_the_backend_finds_the_account_by_any_spelling(throttled):
    request = RequestFactory().post(reverse("login"))
    assert authenticate(request, username=LOOKALIKES[0], password=PASSWORD) == throttled
    assert authenticate(request, username=LOOKALIKES[0], password="wrong") is None


def test_the_throttle_reads_both_keys_axes_asks_with():
    """Before the login axes hands the backend's credentials; after a failure, Django's signal's."""
    request = RequestFactory().post("/accounts/login/", {"username": LOOKALIKES[1]})
    assert axes_username(request, {"email": LOOKALIKES[0], "password": "x"}) == EMAIL
    assert axes_username(request, {"username": LOOKALIKES[2], "password": "x"}) == EMAIL
    assert axes_username(request, None) == EMAIL


@pytest.mark.django_db
def test_an_account_is_stored_in_the_one_spelling():
    assert User.objects.create_user(email=" Ｎｅｗ@Example.COM ", password=PASSWORD).email == "new@example.com"
    assert User.objects.get_by_natural_key("NEW@example.com").email == "new@example.com"
