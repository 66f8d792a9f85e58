import pytest
from django.db import transaction
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import org as org_fixture

from .scenario import build

make_org = org_fixture.__wrapped__  # the personas of tests/conftest.py, built outside a test


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    """The scenario, built once per module inside a transaction that is rolled back at the end of the module;
    each test runs in a savepoint of it (pytest-django's ``db``), so tests still never see each other's writes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build(make_org(None))
        transaction.set_rollback(True)


@pytest.fixture
def world(scenario, db):
    """The module's scenario, for a test that writes (its writes are undone after the test)."""
    return scenario


@pytest.fixture
def clients(world):
    """clients(persona, api) → a client logged in as that persona: a token for the API, a session for pages."""
    made: dict = {}

    def make(persona: str, api: bool):
        if (persona, api) not in made:
            person = world.people[persona]
            if api:
                client = APIClient()
                if person is not None:
                    token, _ = Token.objects.get_or_create(user=person.user)
                    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
            else:
                client = Client()
                if person is not None:
                    client.force_login(person.user)
            client.raise_request_exception = False
            client.persona = persona
            made[persona, api] = client
        return made[persona, api]

    return make


def undone(call):
    """Run ``call`` and roll back whatever it wrote, so every persona meets the same scenario."""
    sid = transaction.savepoint()
    try:
        return call()
    finally:
        transaction.savepoint_rollback(sid)
