"""Objectives over the API: creating, the 3-warn / 5-refuse rule, the wording lock, who may write."""

import pytest

from okrs.models import Objective

pytestmark = pytest.mark.django_db


def personal(period, **extra):
    return {"title": "Ship the search", "level": "personal", "period": period.pk, **extra}


def test_an_employee_creates_a_personal_objective_they_own(org, api, quarter):
    response = api(org.employee).post("/api/objectives/", personal(quarter), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["owner"] == org.employee.pk
    assert body["state"] == "draft"
    assert body["score"] == 0
    assert body["key_results"] == []
    assert body["warnings"] == []
    assert set(body) >= {"id", "title", "description", "level", "unit", "owner", "period", "parent_key_result",
                         "parent_objective", "private", "score", "state", "transitions", "key_results"}
    assert isinstance(body["coach"], list)  # the OKR coach's findings (coach app)


def test_a_unit_objective_is_owned_by_the_units_lead(org, api, quarter):
    body = {"title": "Faster builds", "level": "team", "unit": org.platform.pk, "period": quarter.pk}
    response = api(org.manager).post("/api/objectives/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["owner"] == org.manager.pk


def test_an_employee_may_not_create_an_objective_for_a_unit_they_do_not_lead(org, api, quarter):
    body = {"title": "Faster builds", "level": "team", "unit": org.platform.pk, "period": quarter.pk}
    assert api(org.employee).post("/api/objectives/", body, format="json").status_code == 403


def test_only_hr_admin_and_the_top_person_create_company_objectives(org, api, quarter):
    body = {"title": "Grow", "level": "company", "period": quarter.pk}
    assert api(org.skip).post("/api/objectives/", body, format="json").status_code == 403
    assert api(org.ceo).post("/api/objectives/", body, format="json").status_code == 201
    response = api(org.hr_admin).post("/api/objectives/", body, format="json")
    assert response.status_code == 201
    assert response.json()["unit"] == org.acme.pk


def test_it_warns_above_three_objectives_and_refuses_the_sixth(org, api, quarter):
    client = api(org.employee)
    warnings = []
    for i in range(5):
        response = client.post("/api/objectives/", personal(quarter, title=f"Goal {i}"), format="json")
        assert response.status_code == 201
        warnings.append(response.json()["warnings"])
    assert warnings[:3] == [[], [], []]
    assert "4 objectives" in warnings[3][0] and "5 objectives" in warnings[4][0]
    response = client.post("/api/objectives/", personal(quarter, title="One too many"), format="json")
    assert response.status_code == 400
    assert "At most 5" in response.json()["period"][0]
    assert Objective.objects.filter(owner=org.employee).count() == 5


def test_private_is_only_for_personal_objectives(org, api, quarter):
    body = {"title": "Secret", "level": "team", "unit": org.platform.pk, "period": quarter.pk, "private": True}
    response = api(org.manager).post("/api/objectives/", body, format="json")
    assert response.status_code == 400
    assert "private" in response.json()


def test_the_owner_edits_a_draft_and_a_peer_may_read_but_not_edit_it(org, api, make_objective):
    objective = make_objective()
    url = f"/api/objectives/{objective.pk}/"
    assert api(org.employee).patch(url, {"title": "Sharper"}, format="json").json()["title"] == "Sharper"
    assert api(org.peer).get(url).status_code == 200
    assert api(org.peer).patch(url, {"title": "Mine now"}, format="json").status_code == 403


def test_the_wording_locks_once_agreed(org, api, make_objective):
    objective = make_objective(state="agreed")
    url = f"/api/objectives/{objective.pk}/"
    for field, value in [("title", "New words"), ("description", "More"), ("level", "team")]:
        response = api(org.employee).patch(url, {field: value}, format="json")
        assert response.status_code == 400
        assert "locked" in response.json()[field][0]
    assert Objective.objects.get(pk=objective.pk).title == objective.title


def test_the_privacy_flag_may_still_change_after_agreement(org, api, make_objective):
    objective = make_objective(state="active")
    response = api(org.employee).patch(f"/api/objectives/{objective.pk}/", {"private": True}, format="json")
    assert response.status_code == 200
    assert response.json()["private"] is True


def test_a_unit_objective_is_written_by_its_lead_the_leads_chain_and_hr_admin(org, api, make_objective):
    objective = make_objective("team", org.platform)
    url = f"/api/objectives/{objective.pk}/"
    for person, code in [(org.manager, 200), (org.skip, 200), (org.ceo, 200), (org.hr_admin, 200),
                         (org.employee, 403), (org.outsider, 403), (org.hr_partner, 403)]:
        assert api(person).patch(url, {"description": person.full_name}, format="json").status_code == code


def test_the_list_filters_by_level_owner_and_state(org, api, make_objective):
    mine = make_objective()
    make_objective("team", org.platform, state="active")
    client = api(org.employee)
    assert [o["id"] for o in client.get(f"/api/objectives/?owner={org.employee.pk}").json()["results"]] == [mine.pk]
    assert client.get("/api/objectives/?level=team&state=active").json()["count"] == 1
    assert client.get("/api/objectives/?state=nonsense").status_code == 400


def test_malformed_input_answers_400_not_500(org, api, quarter):
    client = api(org.employee)
    assert client.post("/api/objectives/", ["a list"], format="json").status_code == 400
    assert client.post("/api/objectives/", {"title": "x", "level": "personal", "period": "abc"},
                       format="json").status_code == 400
    assert client.post("/api/objectives/", {"title": "x", "level": "weird", "period": quarter.pk},
                       format="json").status_code == 400
    assert client.get("/api/objectives/999999/").status_code == 404
    assert client.delete("/api/objectives/999999/").status_code == 405
