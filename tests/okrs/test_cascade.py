"""The cascade: one parent, of a higher level, of a period that contains the child's, never a loop."""

import pytest
from django.core.exceptions import ValidationError

from okrs.models import Objective, Period
from okrs.services import objective_create, objective_update

from .conftest import kr_of

pytestmark = pytest.mark.django_db


def test_a_personal_objective_serves_a_key_result_of_a_team_objective(org, api, make_objective, quarter):
    team = make_objective("team", org.platform, state="active")
    body = {"title": "My part", "level": "personal", "period": quarter.pk, "parent_key_result": kr_of(team).pk}
    response = api(org.employee).post("/api/objectives/", body, format="json")
    assert response.status_code == 201, response.json()
    children = api(org.employee).get(f"/api/objectives/?parent_key_result={kr_of(team).pk}").json()
    assert children["count"] == 1


def test_a_parent_from_a_lower_level_is_refused(org, api, make_objective, quarter):
    mine = make_objective()
    body = {"title": "Upside down", "level": "team", "unit": org.platform.pk, "period": quarter.pk,
            "parent_objective": mine.pk}
    response = api(org.manager).post("/api/objectives/", body, format="json")
    assert response.status_code == 400
    assert "higher level" in response.json()["parent_objective"][0]


def test_a_parent_of_the_same_level_is_refused_except_a_unit_above(org, make_objective, quarter):
    team = make_objective("team", org.platform)
    with pytest.raises(ValidationError, match="higher level"):
        objective_create(by=org.hr_admin.user, level="team", unit=org.sales, period=quarter, title="Peer team",
                         parent_objective=team)
    engineering = make_objective("unit", org.engineering)
    child = objective_create(by=org.hr_admin.user, level="unit", unit=org.platform, period=quarter,
                             title="Unit under unit", parent_objective=engineering)
    assert child.parent == engineering
    with pytest.raises(ValidationError, match="higher level"):
        objective_create(by=org.hr_admin.user, level="unit", unit=org.engineering, period=quarter,
                         title="Unit over unit", parent_objective=child)


def test_a_parent_whose_period_does_not_contain_the_childs_is_refused(org, make_objective, quarter, half):
    company_half = make_objective("company", period=half)
    inside = objective_create(by=org.hr_admin.user, level="unit", unit=org.engineering, period=quarter,
                              title="Inside the half", parent_objective=company_half)
    assert inside.parent_objective == company_half
    later = Period.objects.filter(start__gt=half.end).order_by("start").first()
    with pytest.raises(ValidationError, match="must contain"):
        objective_create(by=org.hr_admin.user, level="unit", unit=org.engineering, period=later,
                         title="Later than its parent", parent_objective=company_half)
    company_quarter = make_objective("company", period=quarter)
    with pytest.raises(ValidationError, match="must contain"):
        objective_create(by=org.hr_admin.user, level="unit", unit=org.engineering, period=half,
                         title="Wider than its parent", parent_objective=company_quarter)


def test_it_refuses_a_loop_in_the_cascade(org, make_objective, quarter):
    top = make_objective("unit", org.engineering)
    below = objective_create(by=org.hr_admin.user, level="unit", unit=org.platform, period=quarter,
                             title="Below", parent_objective=top)
    with pytest.raises(ValidationError) as caught:
        objective_update(objective=top, by=org.hr_admin.user, parent_objective=below)
    assert "parent_objective" in caught.value.message_dict
    with pytest.raises(ValidationError, match="itself"):
        objective_update(objective=top, by=org.hr_admin.user, parent_objective=top)


def test_changing_a_parents_level_may_not_strand_its_children(org, make_objective, quarter):
    unit = make_objective("unit", org.engineering)
    objective_create(by=org.hr_admin.user, level="team", unit=org.platform, period=quarter, title="Child",
                     parent_objective=unit)
    with pytest.raises(ValidationError, match="serves this one"):
        objective_update(objective=unit, by=org.hr_admin.user, level="team")


def test_only_one_parent_is_allowed(org, api, make_objective, quarter):
    team = make_objective("team", org.platform)
    body = {"title": "Two parents", "level": "personal", "period": quarter.pk, "parent_objective": team.pk,
            "parent_key_result": kr_of(team).pk}
    response = api(org.employee).post("/api/objectives/", body, format="json")
    assert response.status_code == 400
    assert "one parent" in response.json()["parent_objective"][0]


def test_a_private_objective_someone_cannot_see_is_no_parent_for_them(org, api, make_objective, quarter):
    secret = make_objective("personal", org.employee, private=True)
    body = {"title": "Sneaky", "level": "personal", "period": quarter.pk, "parent_objective": secret.pk}
    response = api(org.peer).post("/api/objectives/", body, format="json")
    assert response.status_code == 400
    assert Objective.objects.filter(title="Sneaky").count() == 0


def test_the_tree_selector_walks_down_from_the_top(org, make_objective, quarter):
    from okrs.selectors import objective_tree_children

    company = make_objective("company")
    unit = objective_create(by=org.hr_admin.user, level="unit", unit=org.engineering, period=quarter,
                            title="Unit", parent_key_result=kr_of(company))
    top_ids = set(objective_tree_children(org.employee.user, None).values_list("pk", flat=True))
    assert company.pk in top_ids and unit.pk not in top_ids
    assert list(objective_tree_children(org.employee.user, company.pk).values_list("pk", flat=True)) == [unit.pk]


def test_the_loop_guard_finds_the_child_above_its_proposed_parent(org, make_objective, quarter):
    from okrs.services.objectives import _loop_error

    top = make_objective("unit", org.engineering)
    below = objective_create(by=org.hr_admin.user, level="team", unit=org.platform, period=quarter,
                             title="Below", parent_key_result=kr_of(top))
    assert "loop" in _loop_error(top, below)
    assert _loop_error(below, top) is None
