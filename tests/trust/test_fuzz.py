"""Fuzzing: schemathesis drives every operation of /api/schema/ with valid and malformed input, as an
employee and as HR admin, against the Django WSGI app in-process: no answer may be a 5xx.

Bounded for CI: the examples of the schema and a few generated cases per operation and persona
(FUZZ_EXAMPLES, default 6), no deadline, no example database (every run starts from the same seed).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
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


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_request_answers_a_server_error(case, persona, world):
    token, _ = Token.objects.get_or_create(user=world.people[persona].user)
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=[not_a_server_error])
