"""The unit goals page runs the same queries whether or not the unit's members have personal objectives
(the members' table loads no key results), as the benchmark's division page at two sizes does."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from okrs.models import KeyResult, Objective

pytestmark = pytest.mark.django_db


def count(person, url: str) -> int:
    client = Client()
    client.force_login(person.user)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_unit_page_costs_the_same_with_and_without_members_goals(org, quarter):
    Objective.objects.create(title="Platform uptime", level="team", unit=org.platform, owner=org.manager,
                             period=quarter, state="active")
    url = f"/goals/units/{org.platform.pk}/"
    without = count(org.employee, url)
    goal = Objective.objects.create(title="Learn Rust", level="personal", owner=org.peer, period=quarter,
                                    state="active", created_by=org.peer)
    KeyResult.objects.create(objective=goal, title="Ship one service", start=0, target=1, owner=org.peer)
    with_members = count(org.employee, url)
    assert without == with_members
    page = Client()
    page.force_login(org.employee.user)
    assert "Learn Rust" in page.get(url).content.decode()
