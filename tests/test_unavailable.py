"""While the database cannot be reached the service answers 503 (JSON on the API, a page elsewhere), never a 500
or a 400 that blames the input; errors that are about the query itself keep their own answers."""

from unittest import mock

import psycopg
import pytest
from django.db import utils
from django.db.backends.utils import CursorWrapper
from psycopg_pool import PoolTimeout

from common.api import exception_handler
from common.unavailable import database_down

pytestmark = pytest.mark.django_db


def wrapped(error: Exception, django_class=utils.OperationalError) -> Exception:
    """The error as Django raises it: its own class, the driver's error as the cause."""
    try:
        try:
            raise error
        except Exception as exc:
            raise django_class(*exc.args) from exc
    except Exception as outer:  # noqa: BLE001 - handed back, not handled
        return outer


REFUSED = psycopg.OperationalError("connection failed: connection to server at 127.0.0.1 refused")


def down():
    return mock.patch.object(CursorWrapper, "execute", side_effect=wrapped(REFUSED))


@pytest.mark.parametrize("error, expected", [
    (wrapped(REFUSED), True),
    (wrapped(PoolTimeout("couldn't get a connection after 10.00 sec")), True),
    (wrapped(psycopg.errors.AdminShutdown("terminating connection due to administrator command")), True),
    (wrapped(psycopg.errors.CannotConnectNow("the database system is starting up")), True),
    (wrapped(psycopg.InterfaceError("the connection is closed"), utils.InterfaceError), True),
    (wrapped(psycopg.errors.LockNotAvailable("could not obtain lock")), False),
    (wrapped(psycopg.errors.QueryCanceled("canceling statement due to statement timeout")), False),
    (wrapped(psycopg.errors.NumericValueOutOfRange("integer out of range"), utils.DataError), False),
    (ValueError("nope"), False),
])
def test_it_tells_an_unreachable_database_from_a_bad_query(error, expected):
    assert database_down(error) is expected


def test_the_api_answers_503_with_json_while_the_database_is_away(org, api):
    client = api(org.employee)
    with down():
        response = client.get("/api/reviews/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "database" in response.json()["detail"] and response["Retry-After"] == "5"


def test_a_session_that_cannot_be_read_answers_503_too(org, client):
    client.force_login(org.employee.user)
    client.raise_request_exception = False
    with down():  # the session, then the user, fail in the middleware, before any view
        api, page = client.get("/api/me/"), client.get("/reviews/tasks/")
    assert (api.status_code, api.json()["detail"][:11]) == (503, "The service")
    assert page.status_code == 503 and page["Content-Type"].startswith("text/html")
    assert b"Back in a moment" in page.content and b"Traceback" not in page.content


def test_a_lock_timeout_is_still_a_conflict_not_an_outage():
    response = exception_handler(wrapped(psycopg.errors.LockNotAvailable("could not obtain lock")), {})
    assert response.status_code == 409
