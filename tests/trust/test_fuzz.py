"""Fuzzing: schemathesis drives every operation of /api/schema/ with valid and malformed input, as an
employee and as HR admin, against the Django WSGI app in-process: no answer may be a 5xx.

Half of the generated object ids are swapped for ids of the scenario's real objects, so malformed bodies
reach real objects in every state the scenario holds, not only the 404 of an unknown id.

Bounded for CI: the examples of the schema and a few generated cases per operation and persona
(FUZZ_EXAMPLES, default 6), no deadline, no example database (every run starts from the same seed).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
PERSONAS = ("employee", "hr_admin")


def api_schema():
    """The document /api/schema/ serves (generated in-process: it needs no database), bound to the WSGI app."""
    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = get_wsgi_application()
    loaded.config.phases.update(phases=["examples", "fuzzing"])
    return loaded


schema = api_schema()


@pytest.fixture(params=PERSONAS)
def persona(request) -> str:
    return request.param


def real_ids(s) -> dict[str, int]:
    """The first path segment of a collection → one of the scenario's objects in it."""
    return {
        "people": s.people["employee"].pk, "units": s.org.platform.pk, "periods": s.objective.period_id,
        "objectives": s.objective.pk, "key-results": s.key_result.pk, "dependencies": s.dependency.pk,
        "development-goals": s.development_goal.pk, "cycles": s.cycle.pk, "reviews": s.review.pk,
        "feedback-requests": s.request.pk, "conversations": s.conversation.pk, "meetings": s.meeting.pk,
        "meeting-series": s.series.pk, "talking-points": s.point.pk, "action-items": s.action.pk,
        "meeting-notes": s.note.pk, "silences": s.silence.pk,
    }


@pytest.fixture
def connection_kept():
    """The real WSGI handler closes the database connection after each request, and with it the test's
    transaction; Django's test client keeps it open the same way, by leaving these two signals out."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_request_answers_a_server_error(case, persona, world, connection_kept):
    token, _ = Token.objects.get_or_create(user=world.people[persona].user)
    pk = (case.path_parameters or {}).get("id")
    if isinstance(pk, int) and pk % 2 == 0:
        segment = case.path.split("/{")[0].rsplit("/", 1)[-1]
        if segment in real_ids(world):
            case.path_parameters["id"] = real_ids(world)[segment]
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=[not_a_server_error])
