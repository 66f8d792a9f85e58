"""The selectors the goals pages build on: scoped, with key results loaded, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from okrs.models import Dependency
from okrs.selectors import (
    dependencies_of_unit,
    objective_tree_children,
    objectives_for_person,
    objectives_for_unit,
)
from workflows.runner import run_transition

from .conftest import kr_of

pytestmark = pytest.mark.django_db


def test_a_persons_objectives_hide_the_private_ones_from_peers(org, make_objective):
    public = make_objective()
    secret = make_objective(private=True)
    assert set(objectives_for_person(org.manager.user, org.employee)) == {public, secret}
    assert list(objectives_for_person(org.peer.user, org.employee)) == [public]


def test_a_units_objectives_leave_out_personal_ones(org, make_objective):
    team = make_objective("team", org.platform)
    make_objective()
    assert list(objectives_for_unit(org.outsider.user, org.platform)) == [team]


def test_reading_a_tree_level_with_key_results_costs_a_fixed_number_of_queries(org, make_objective, quarter):
    from okrs.services import objective_create

    company = make_objective("company", krs=3)
    for unit in (org.engineering, org.sales):
        objective_create(by=org.hr_admin.user, level="unit" if unit == org.engineering else "team", unit=unit,
                         period=quarter, title=f"{unit.name} part", parent_key_result=kr_of(company))
    user = org.employee.user
    list(objective_tree_children(user, None))  # roles cached, as after the first read of a request
    with CaptureQueriesContext(connection) as captured:
        children = list(objective_tree_children(user, company.pk))
        titles = [(o.title, o.unit.lead, o.owner, [kr.title for kr in o.key_results.all()]) for o in children]
    assert len(titles) == 2
    assert len(captured) == 2  # the objectives with owner, unit and lead; their key results


def test_a_units_dependencies_show_both_what_it_asked_and_what_it_was_asked(org, make_objective):
    mine = make_objective("team", org.platform)
    theirs = make_objective("team", org.sales)
    asked = Dependency.objects.create(from_unit=org.platform, to_unit=org.sales, objective=mine)
    received = Dependency.objects.create(from_unit=org.sales, to_unit=org.platform, objective=theirs)
    run_transition(received, "decline", by=org.manager.user, reason="No room this quarter")
    assert set(dependencies_of_unit(org.employee.user, org.platform)) == {asked, received}
