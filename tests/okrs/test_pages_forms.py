"""Objective, key result and development goal forms write through the services; invalid input is a 400 with
the field's error on the page."""

import pytest

from okrs.models import DevelopmentGoal, KeyResult, Objective

from .conftest import kr_of

pytestmark = pytest.mark.django_db


def test_a_valid_objective_form_creates_a_draft_through_the_service(org, web, quarter):
    response = web(org.employee).post("/goals/objectives/new/", {
        "title": "Launch Gmail in September", "level": "personal", "period": quarter.pk,
    })
    objective = Objective.objects.get(title="Launch Gmail in September")
    assert response.status_code == 302 and response.url == f"/goals/objectives/{objective.pk}/key-results/new/"
    assert objective.owner == org.employee and objective.created_by == org.employee
    assert objective.state == Objective.State.DRAFT


def test_an_invalid_objective_form_answers_400_with_the_fields_error(org, web, quarter):
    response = web(org.employee).post("/goals/objectives/new/", {"title": "", "level": "personal",
                                                                 "period": quarter.pk})
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert not Objective.objects.exists()


def test_the_service_refusal_lands_on_the_field_it_names(org, web, quarter):
    # A team objective needs its unit: the service refuses and the form shows it.
    response = web(org.manager).post("/goals/objectives/new/", {"title": "Ship", "level": "team",
                                                                "period": quarter.pk})
    assert response.status_code == 400
    assert "needs its unit" in response.content.decode()


def test_an_objective_can_serve_a_key_result_above_it(org, web, quarter, make_objective):
    team = make_objective("team", org.platform, title="One million users by November")
    form = web(org.employee).get("/goals/objectives/new/?level=personal").content.decode()
    assert f'value="k{kr_of(team).pk}"' in form
    web(org.employee).post("/goals/objectives/new/", {
        "title": "Mine", "level": "personal", "period": quarter.pk, "parent": f"k{kr_of(team).pk}"})
    assert Objective.objects.get(title="Mine").parent_key_result == kr_of(team)


def test_a_key_result_form_adds_one_and_refuses_a_target_equal_to_its_start(org, web, make_objective):
    objective = make_objective("personal", org.employee, krs=0)
    client = web(org.employee)
    url = f"/goals/objectives/{objective.pk}/key-results/new/"
    bad = client.post(url, {"title": "Users", "kind": "increase_to", "start": 5, "target": 5, "weight": 1})
    assert bad.status_code == 400 and "nothing to achieve" in bad.content.decode()
    good = client.post(url, {"title": "Users", "kind": "increase_to", "start": 0, "target": 100, "weight": 1})
    assert good.status_code == 302 and KeyResult.objects.filter(objective=objective, title="Users").exists()


def test_editing_an_agreed_key_result_needs_a_reason(org, web, make_objective):
    objective = make_objective("personal", org.employee, state="agreed")
    kr = kr_of(objective)
    data = {"title": kr.title, "kind": "increase_to", "start": 0, "target": 120, "weight": 1}
    response = web(org.employee).post(f"/goals/key-results/{kr.pk}/edit/", data)
    assert response.status_code == 400 and "reason" in response.content.decode()
    response = web(org.employee).post(f"/goals/key-results/{kr.pk}/edit/", {**data, "reason": "Scope grew"})
    assert response.status_code == 302
    assert kr.adjustments.get().reason == "Scope grew"


def test_someone_elses_objective_cannot_be_edited(org, web, make_objective):
    objective = make_objective("personal", org.employee)
    assert web(org.peer).get(f"/goals/objectives/{objective.pk}/edit/").status_code == 403
    assert web(org.employee).get(f"/goals/objectives/{objective.pk}/edit/").status_code == 200
    response = web(org.employee).post(f"/goals/objectives/{objective.pk}/edit/", {
        "title": "Renamed", "level": "personal", "period": objective.period_id})
    assert response.status_code == 302
    assert Objective.objects.get(pk=objective.pk).title == "Renamed"


def test_development_goals_are_seen_by_the_person_and_their_chain_only(org, web, quarter):
    goal = DevelopmentGoal.objects.create(person=org.employee, title="Speak up in design reviews")
    url = f"/goals/people/{org.employee.pk}/development/"
    for person in (org.employee, org.manager, org.skip, org.hr_partner, org.hr_admin):
        assert web(person).get(url).status_code == 200, person
    for person in (org.peer, org.outsider):
        assert web(person).get(url).status_code == 404, person
        assert web(person).get(f"/goals/development/{goal.pk}/edit/").status_code == 404, person


def test_a_development_goal_form_creates_and_refuses_a_blank_title(org, web):
    url = f"/goals/people/{org.employee.pk}/development/new/"
    assert web(org.employee).post(url, {"title": "", "status": "planned"}).status_code == 400
    response = web(org.manager).post(url, {"title": "Learn to lead a small project", "status": "planned"})
    assert response.status_code == 302
    goal = DevelopmentGoal.objects.get()
    assert goal.person == org.employee and goal.created_by == org.manager
    response = web(org.employee).post(f"/goals/development/{goal.pk}/edit/", {"title": goal.title,
                                                                               "status": "in_progress"})
    assert response.status_code == 302 and DevelopmentGoal.objects.get().status == "in_progress"
