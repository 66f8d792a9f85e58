"""Horizontal alignment: a unit asks another for a contribution; that unit's lead accepts or declines."""

import pytest

from okrs.models import Dependency
from people.models import Unit

from .conftest import kr_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask(org, api, make_objective):
    """Platform (lead: manager) asks Sales (lead: outsider) to help with a key result."""
    org.sales.lead = org.outsider
    org.sales.save(update_fields=["lead"])
    objective = make_objective("team", org.platform, state="active")

    def make(**extra):
        body = {"objective": objective.pk, "key_result": kr_of(objective).pk, "to_unit": org.sales.pk,
                "message": "Can you route enterprise leads to us?", **extra}
        return api(org.manager).post("/api/dependencies/", body, format="json")

    return make


def answer(api, person, dependency_id, name, **body):
    return api(person).post(f"/api/dependencies/{dependency_id}/transitions/{name}/", body, format="json")


def test_a_unit_lead_asks_another_unit_and_both_sides_see_it(org, api, ask):
    response = ask()
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["from_unit"], body["to_unit"], body["state"]) == (org.platform.pk, org.sales.pk, "requested")
    for unit in (org.platform, org.sales):
        assert api(org.peer).get(f"/api/dependencies/?unit={unit.pk}").json()["count"] == 1


def test_only_those_who_may_edit_the_objective_ask(org, api, ask, make_objective):
    objective = make_objective("team", org.platform, state="active")
    body = {"objective": objective.pk, "to_unit": org.sales.pk}
    assert api(org.employee).post("/api/dependencies/", body, format="json").status_code == 403


def test_a_unit_cannot_ask_itself_or_ask_twice_while_unanswered(org, api, ask):
    assert ask(to_unit=org.platform.pk).status_code == 400
    assert ask().status_code == 201
    assert ask().status_code == 400


def test_the_asked_units_lead_accepts_with_a_comment(org, api, ask):
    dependency = ask().json()
    assert dependency["transitions"] == []
    listed = api(org.outsider).get(f"/api/dependencies/{dependency['id']}/").json()
    assert listed["transitions"] == ["accept", "decline"]
    response = answer(api, org.outsider, dependency["id"], "accept", reason="Yes, from May")
    assert response.status_code == 200
    assert response.json()["state"] == "accepted"
    assert response.json()["response"] == "Yes, from May"
    assert response.json()["responded_by"] == org.outsider.pk


@pytest.mark.parametrize("who", ["manager", "employee", "skip", "hr_partner"])
def test_nobody_but_the_asked_units_lead_or_hr_admin_answers(org, api, ask, who):
    dependency = ask().json()
    assert answer(api, getattr(org, who), dependency["id"], "accept").status_code == 403
    assert Dependency.objects.get(pk=dependency["id"]).state == "requested"


def test_hr_admin_may_answer_for_a_unit(org, api, ask):
    dependency = ask().json()
    assert answer(api, org.hr_admin, dependency["id"], "accept").json()["state"] == "accepted"


def test_a_decline_needs_a_reason_and_stays_visible(org, api, ask):
    dependency = ask().json()
    assert answer(api, org.outsider, dependency["id"], "decline").status_code == 400
    response = answer(api, org.outsider, dependency["id"], "decline", reason="No capacity this quarter")
    assert response.json()["state"] == "declined"
    declined = api(org.manager).get(f"/api/dependencies/?unit={org.platform.pk}&state=declined").json()
    assert [d["response"] for d in declined["results"]] == ["No capacity this quarter"]


def test_an_answered_request_cannot_be_answered_again(org, api, ask):
    dependency = ask().json()
    answer(api, org.outsider, dependency["id"], "accept")
    response = answer(api, org.outsider, dependency["id"], "decline", reason="Changed my mind")
    assert response.status_code == 409
    assert response.json()["state"] == "accepted"


def test_a_personal_objective_does_not_ask_units(org, api, make_objective):
    mine = make_objective()
    body = {"objective": mine.pk, "to_unit": org.sales.pk}
    assert api(org.employee).post("/api/dependencies/", body, format="json").status_code == 400


def test_a_unit_without_a_lead_is_answered_by_hr_admin(org, api, make_objective):
    orphan = Unit.objects.create(name="Orphan", parent=org.acme, path="Acme/Orphan", lineage=f"{org.acme.pk}/x/")
    objective = make_objective("team", org.platform)
    created = api(org.manager).post("/api/dependencies/", {"objective": objective.pk, "to_unit": orphan.pk},
                                    format="json").json()
    assert answer(api, org.manager, created["id"], "accept").status_code == 403
    assert answer(api, org.hr_admin, created["id"], "accept").status_code == 200
