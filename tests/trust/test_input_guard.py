"""No request, however malformed, answers 500: JSON nested thousands deep, a lone surrogate, a NUL character in
a body, a form or a query string, and a body over the size limit each answer the contract's 400 (or 413) JSON
on the API, naming the field when there is one, and never reach the database."""

import json

import pytest
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from common.api import exception_handler
from common.guard import MAX_JSON_DEPTH, json_errors
from okrs.models import Objective, Period
from okrs.services import objective_create

NUL_MESSAGE = "Null characters are not allowed."
DEEP = "[" * 3000 + "]" * 3000
BODIES = [  # (JSON text, the field the answer names, or "detail")
    (DEEP, "detail"),
    ('{"a":' * 3000, "detail"),
    ('{"title":"x","level":"\\ud800"}', "level"),
    ('{"\\ud800":"x"}', "detail"),
    ('{"title":"a\\u0000b","level":"personal"}', "title"),
    ('{"title":"x","level":"personal","key_results":[{"title":"a\\u0000"}]}', "key_results"),
    ('{"ti\\u0000tle":"x"}', "detail"),
]
QUERIES = ["?unit=%00", "?search=a%00b", "?page=%00", "?manager=1&unit=2%00"]


@pytest.fixture
def hr(org) -> Client:
    token = Token.objects.create(user=org.hr_admin.user)
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {token.key}")


@pytest.fixture
def objective(org) -> Objective:
    today = timezone.localdate()
    period = Period.objects.get(code=f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    return objective_create(by=org.hr_admin.user, level="unit", unit=org.platform, period=period, title="Ship")


def _json(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)


@pytest.mark.parametrize(("body", "field"), BODIES)
def test_a_malformed_json_body_answers_400_naming_its_field(hr, body, field):
    response = hr.post("/api/objectives/", body, content_type="application/json")
    assert response.status_code == 400
    answer = _json(response)
    assert list(answer) == [field]
    response.content.decode("utf-8")  # the answer itself encodes: no lone surrogate echoed back


@pytest.mark.parametrize("method", ["patch", "post"])
def test_deep_json_on_any_method_answers_400(hr, objective, method):
    url = f"/api/objectives/{objective.pk}/" + ("transitions/submit/" if method == "post" else "")
    response = getattr(hr, method)(url, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "detail" in _json(response)


def test_a_null_character_in_a_transition_reason_never_reaches_the_log(hr, objective):
    response = hr.post(f"/api/objectives/{objective.pk}/transitions/submit/", '{"reason":"a\\u0000b"}',
                       content_type="application/json")
    assert response.status_code == 400
    assert _json(response) == {"reason": [NUL_MESSAGE]}
    objective.refresh_from_db()
    assert objective.state == Objective.State.DRAFT


def test_depth_is_allowed_up_to_the_limit_and_refused_beyond():
    def nested(depth: int):
        value: list = []
        for _ in range(depth - 1):
            value = [value]
        return value

    assert json_errors(nested(MAX_JSON_DEPTH)) is None
    assert json_errors(nested(MAX_JSON_DEPTH + 1)) == {"detail": f"The JSON body is nested more than "
                                                                 f"{MAX_JSON_DEPTH} levels deep."}


def test_a_lone_surrogate_in_a_choice_is_refused_with_a_readable_message(hr):
    response = hr.post("/api/objectives/", '{"title":"x","level":"\\ud800"}', content_type="application/json")
    assert _json(response) == {"level": ["The text is not valid Unicode: it holds a lone surrogate."]}


def test_a_null_character_in_a_json_string_names_the_field(hr):
    response = hr.post("/api/objectives/", '{"title":"a\\u0000b","level":"personal"}',
                       content_type="application/json")
    assert _json(response) == {"title": [NUL_MESSAGE]}


@pytest.mark.parametrize("method", ["post", "patch"])
def test_a_null_character_in_a_form_body_names_the_field(hr, objective, method):
    url = "/api/objectives/" if method == "post" else f"/api/objectives/{objective.pk}/"
    response = getattr(hr, method)(url, "title=a%00b&level=personal", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert _json(response) == {"title": [NUL_MESSAGE]}


def test_a_null_character_in_a_multipart_form_names_the_field(hr):
    response = hr.post("/api/objectives/", {"title": "a\x00b", "level": "personal"})
    assert response.status_code == 400
    assert _json(response) == {"title": [NUL_MESSAGE]}


@pytest.mark.parametrize("query", QUERIES)
def test_a_null_character_in_the_query_string_names_the_parameter(hr, query, django_assert_num_queries):
    with django_assert_num_queries(0):  # refused before the token is even looked up
        response = hr.get(f"/api/people/{query}")
    assert response.status_code == 400
    name = query[1:].split("&")[-1].split("=")[0]
    assert _json(response) == {name: [NUL_MESSAGE]}


def test_a_body_over_the_limit_answers_413_json(hr, settings, django_assert_num_queries):
    body = json.dumps({"title": "x" * 5_000_000})
    with django_assert_num_queries(0):
        response = hr.post("/api/objectives/", body, content_type="application/json")
    assert response.status_code == 413
    assert _json(response) == {"detail": "The request body is larger than 2.5\xa0MB."}


def test_a_body_found_too_large_while_parsing_answers_413_json():
    """Django's own check, when a body's length was not declared up front, answers JSON too."""
    response = exception_handler(RequestDataTooBig("Request body exceeded"), {})
    assert response.status_code == 413 and "detail" in response.data


def test_a_large_form_body_answers_413_json(hr):
    response = hr.post("/api/objectives/", "title=" + "x" * 5_000_000, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "detail" in _json(response)


def test_well_formed_requests_still_pass(hr, org):
    assert hr.get("/api/people/?search=emil").status_code == 200
    response = hr.post("/api/objectives/", {"title": "Ship it", "level": "personal"}, content_type="application/json")
    assert response.status_code == 400 and "\x00" not in response.content.decode()  # only the missing period


def test_a_page_refuses_a_null_character_in_its_query_string(client, org):
    client.force_login(org.employee.user)
    response = client.get("/?q=a%00b")
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_the_login_form_refuses_a_null_character_before_the_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().post("/accounts/login/", {"username": "a\x00@example.com", "password": "x"})
    assert response.status_code == 400
    assert "username" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_twenty_malformed_requests_in_a_row_leave_no_connection_behind(org, objective):
    token = Token.objects.create(user=org.hr_admin.user)
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {token.key}")

    def open_connections() -> int:
        if connection.vendor != "postgresql":
            return 0
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
            return cursor.fetchone()[0]

    before = open_connections()
    statuses = set()
    for number in range(20):
        body, _ = BODIES[number % len(BODIES)]
        # A transition runs in a transaction: what it is handed is refused before one opens.
        response = client.post(f"/api/objectives/{objective.pk}/transitions/submit/", body,
                               content_type="application/json")
        statuses.add(response.status_code)
        assert not connection.in_atomic_block
    assert statuses == {400}
    objective.refresh_from_db()
    assert objective.state == Objective.State.DRAFT
    assert open_connections() <= before
    with connection.cursor() as cursor:  # the connection is still good for the next request
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
