"""Launching a cycle: one review per participant, in bulk, in a number of queries independent of size."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cycles.models import ReviewCycle
from people.models import Person
from people.roles import roles_of
from reviews.models import Review
from tests.cycles.factories import advance, make_cycle
from tests.factories import PersonFactory, UnitFactory, build_org
from workflows.models import TransitionLog
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


def test_launch_creates_one_review_per_active_participant_with_their_manager(org, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    reviews = {r.person: r for r in Review.objects.filter(cycle=cycle).select_related("person")}
    active = set(Person.objects.filter(state="active"))
    assert set(reviews) == active
    assert org.inactive not in reviews
    assert reviews[org.employee].manager == org.manager
    assert reviews[org.employee].unit == org.platform
    assert {r.state for r in reviews.values()} == {"goals_draft"}


def test_launch_leaves_out_people_hired_after_the_cutoff_and_units_outside(org):
    cutoff = datetime.date(2026, 6, 1)
    newcomer = PersonFactory(unit=org.platform, manager=org.manager, hire_date=cutoff + datetime.timedelta(days=1))
    veteran = PersonFactory(unit=org.platform, manager=org.manager, hire_date=cutoff)
    cycle = make_cycle(by=org.hr_admin, units=[org.engineering], hired_before=cutoff)
    advance(cycle, "launch", by=org.hr_admin)
    people = set(Review.objects.filter(cycle=cycle).values_list("person_id", flat=True))
    assert veteran.pk in people and org.employee.pk in people and org.skip.pk in people
    assert newcomer.pk not in people
    assert org.outsider.pk not in people and org.ceo.pk not in people  # Sales and the company level


def test_launch_needs_participant_units_and_periods(org, api):
    cycle = make_cycle(by=org.hr_admin, units=[])
    response = api(org.hr_admin).post(f"/api/cycles/{cycle.pk}/transitions/launch/")
    assert response.status_code == 400
    assert "participant_units" in response.json()
    cycle.refresh_from_db()
    assert cycle.state == "draft"


def test_launch_logs_the_cycle_once_and_no_row_per_review(org, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    assert TransitionLog.objects.filter(content_type__model="reviewcycle", transition="launch").count() == 1
    assert not TransitionLog.objects.filter(content_type__model="review").exists()


def test_launch_runs_the_same_number_of_queries_at_two_sizes(org):
    counts = []
    roles_of(org.hr_admin.user)
    ContentType.objects.get_for_model(ReviewCycle)
    for size in (10, 200):
        unit = UnitFactory(parent=org.acme)
        build_org(size, unit=unit)
        cycle = make_cycle(by=org.hr_admin, units=[unit])
        with CaptureQueriesContext(connection) as queries:
            run_transition(cycle, "launch", by=org.hr_admin.user)
        assert Review.objects.filter(cycle=cycle).count() == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12
