"""A person's (de)activation costs the same queries whether or not they take part in a running cycle: the
request queues one sync task and the worker finds the cycles; the sync still withdraws the leaver's review."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Review
from tests.cycles.factories import advance, make_cycle
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def flip(api, org, person, name: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api(org.hr_admin).post(f"/api/people/{person.pk}/transitions/{name}/", {"reason": "x"},
                                          format="json")
    assert response.status_code == 200, response.content
    return len(captured)


def test_deactivation_costs_the_same_in_and_out_of_a_cycle(api, org, django_capture_on_commit_callbacks):
    cycle = advance(make_cycle(by=org.hr_admin, units=[org.platform]), "launch", by=org.hr_admin)
    in_cycle = Review.objects.get(cycle=cycle, person=org.peer).person
    newcomer = PersonFactory(unit=org.sales, manager=org.outsider)  # no review anywhere
    assert not Review.objects.filter(person=newcomer).exists()
    flip(api, org, PersonFactory(unit=org.sales, manager=org.outsider), "deactivate")  # warm the content types
    with django_capture_on_commit_callbacks(execute=True):
        counts = {"in": flip(api, org, in_cycle, "deactivate"), "out": flip(api, org, newcomer, "deactivate")}
    assert counts["in"] == counts["out"], counts
    assert Review.objects.get(cycle=cycle, person=org.peer).state == Review.State.WITHDRAWN
    with django_capture_on_commit_callbacks(execute=True):
        back = {"in": flip(api, org, in_cycle, "reactivate"), "out": flip(api, org, newcomer, "reactivate")}
    assert back["in"] == back["out"] == counts["in"], back
