"""Lists run a fixed number of queries, whatever the number of rows (and transitions come from loaded data)."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from okrs.models import CheckIn, Dependency, DevelopmentGoal, KeyResult, Objective
from people.models import User

pytestmark = pytest.mark.django_db

STATES = itertools.cycle(Objective.State.values)


def add_objectives(org, period, n: int) -> None:
    owners = itertools.cycle([org.employee, org.peer, org.manager, org.outsider])
    rows = []
    for i in range(n):
        if i % 3 == 0:
            rows.append(Objective(title=f"Team {i}", level="team", unit=org.platform, owner=org.manager,
                                  period=period, state=next(STATES)))
        else:
            owner = next(owners)
            rows.append(Objective(title=f"Personal {i}", level="personal", owner=owner, period=period,
                                  private=i % 5 == 0, state=next(STATES), created_by=owner))
    objectives = Objective.objects.bulk_create(rows)
    krs = KeyResult.objects.bulk_create(
        KeyResult(objective=o, title=f"KR {k}", start=0, target=10, owner=o.owner, position=k)
        for o in objectives for k in range(3)
    )
    CheckIn.objects.bulk_create(CheckIn(key_result=kr, value=3, confidence=5) for kr in krs)
    Dependency.objects.bulk_create(
        Dependency(from_unit=org.platform, to_unit=org.sales, objective=o) for o in objectives if o.level == "team"
    )
    DevelopmentGoal.objects.bulk_create(
        DevelopmentGoal(person=owner, title=f"Grow {i}") for i, owner in zip(range(n), itertools.cycle(
            [org.employee, org.peer]), strict=False)
    )


def count_queries(person, url: str) -> tuple[int, int]:
    client = APIClient()
    # A fresh user object: its roles are computed inside the request, as in production.
    client.force_authenticate(User.objects.get(pk=person.user_id))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.json()["results"])


@pytest.mark.parametrize("url", ["/api/objectives/?page_size=500", "/api/key-results/?page_size=500",
                                 "/api/dependencies/?page_size=500", "/api/development-goals/?page_size=500",
                                 "/api/periods/"])
@pytest.mark.parametrize("viewer", ["manager", "employee", "hr_admin"])
def test_a_list_costs_the_same_queries_at_5_and_50_objectives(org, quarter, url, viewer):
    person = getattr(org, viewer)
    add_objectives(org, quarter, 5)
    small, small_rows = count_queries(person, url)
    add_objectives(org, quarter, 45)
    large, large_rows = count_queries(person, url)
    assert large_rows > small_rows or "periods" in url or (viewer == "employee" and "development" in url)
    assert small == large
    assert large <= 20
