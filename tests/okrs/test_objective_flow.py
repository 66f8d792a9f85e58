"""ObjectiveFlow over the API: each transition allowed, refused (403), wrong state (409), or invisible (404)."""

import pytest

from okrs.models import Objective
from workflows.models import TransitionLog

pytestmark = pytest.mark.django_db


def run(api, person, objective, name, **body):
    return api(person).post(f"/api/objectives/{objective.pk}/transitions/{name}/", body, format="json")


# (transition, state before, state after, who may, who may not) for a personal objective of the employee
PERSONAL = [
    ("submit", "draft", "proposed", "employee", "peer"),
    ("agree", "proposed", "agreed", "manager", "employee"),
    ("agree", "proposed", "agreed", "hr_admin", "skip"),
    ("return", "proposed", "draft", "manager", "peer"),
    ("activate", "agreed", "active", "employee", "peer"),
    ("activate", "agreed", "active", "manager", "hr_partner"),
    ("close", "active", "closed", "employee", "peer"),
    ("close", "active", "closed", "manager", "outsider"),
]


@pytest.mark.parametrize(("name", "before", "after", "allowed", "refused"), PERSONAL)
def test_each_transition_of_a_personal_objective(org, api, make_objective, name, before, after, allowed, refused):
    objective = make_objective(state=before)
    body = {"reason": "Too vague"} if name == "return" else {}
    denied = run(api, getattr(org, refused), objective, name, **body)
    assert denied.status_code == 403
    assert Objective.objects.get(pk=objective.pk).state == before
    response = run(api, getattr(org, allowed), objective, name, **body)
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == after
    log = TransitionLog.objects.filter(object_id=objective.pk).first()
    assert (log.source, log.target, log.by) == (before, after, getattr(org, allowed).user)


@pytest.mark.parametrize(("name", "wrong_state"), [("submit", "proposed"), ("agree", "draft"), ("return", "agreed"),
                                                    ("activate", "proposed"), ("close", "agreed")])
def test_a_transition_in_the_wrong_state_answers_409_with_the_state(org, api, make_objective, name, wrong_state):
    objective = make_objective(state=wrong_state)
    who = org.employee if name in ("submit", "activate", "close") else org.manager
    response = run(api, who, objective, name, reason="because")
    assert response.status_code == 409
    assert response.json()["state"] == wrong_state


@pytest.mark.parametrize("name", ["submit", "agree", "return", "activate", "close"])
def test_a_private_objective_answers_404_to_an_outsider_for_every_transition(org, api, make_objective, name):
    objective = make_objective(private=True)
    assert run(api, org.peer, objective, name, reason="x").status_code == 404
    assert run(api, org.outsider, objective, name, reason="x").status_code == 404


def test_an_unknown_transition_answers_404(org, api, make_objective):
    assert run(api, org.employee, make_objective(), "explode").status_code == 404


def test_returning_needs_a_reason_which_the_owner_then_sees(org, api, make_objective):
    objective = make_objective(state="proposed")
    response = run(api, org.manager, objective, "return")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert Objective.objects.get(pk=objective.pk).state == "proposed"
    response = run(api, org.manager, objective, "return", reason="Make KR 2 measurable")
    assert response.json()["state"] == "draft"
    assert response.json()["return_reason"] == "Make KR 2 measurable"
    log = TransitionLog.objects.filter(object_id=objective.pk).first()
    assert (log.transition, log.reason) == ("return", "Make KR 2 measurable")
    resubmitted = run(api, org.employee, objective, "submit")
    assert resubmitted.json()["return_reason"] == ""


def test_the_transitions_field_names_what_the_caller_may_run_now(org, api, make_objective):
    objective = make_objective(state="proposed")
    url = f"/api/objectives/{objective.pk}/"
    assert api(org.manager).get(url).json()["transitions"] == ["agree", "return"]
    assert api(org.employee).get(url).json()["transitions"] == []
    draft = make_objective()
    assert api(org.employee).get(f"/api/objectives/{draft.pk}/").json()["transitions"] == ["submit"]


def test_a_team_objective_is_agreed_by_the_manager_of_the_units_lead(org, api, make_objective):
    objective = make_objective("team", org.platform, state="proposed")
    assert run(api, org.manager, objective, "agree").status_code == 403
    assert run(api, org.employee, objective, "agree").status_code == 403
    assert run(api, org.skip, objective, "agree").json()["state"] == "agreed"


def test_a_unit_lead_or_the_creator_submits_a_unit_objective(org, api, make_objective):
    objective = make_objective("team", org.platform)
    assert run(api, org.employee, objective, "submit").status_code == 403
    assert run(api, org.manager, objective, "submit").json()["state"] == "proposed"


def test_a_company_objective_is_agreed_by_hr_admin_only(org, api, make_objective):
    objective = make_objective("company", state="proposed")
    assert run(api, org.ceo, objective, "agree").status_code == 403
    assert run(api, org.hr_admin, objective, "agree").json()["state"] == "agreed"


def test_closing_grades_each_key_result_from_the_body(org, api, make_objective):
    objective = make_objective(state="active", krs=2)
    first, second = objective.key_results.order_by("position")
    response = run(api, org.employee, objective, "close",
                   grades=[{"key_result": first.pk, "grade": 0.9, "comment": "Nailed it"}])
    assert response.status_code == 200, response.json()
    grades = {kr["id"]: (kr["grade"], kr["grade_comment"]) for kr in response.json()["key_results"]}
    assert grades == {first.pk: (0.9, "Nailed it"), second.pk: (0.0, "")}


@pytest.mark.parametrize("grades", [[{"key_result": 0, "grade": 0.5}], [{"grade": 0.5}], "nope"])
def test_closing_with_bad_grades_changes_nothing(org, api, make_objective, grades):
    objective = make_objective(state="active")
    response = run(api, org.employee, objective, "close", grades=grades)
    assert response.status_code == 400
    assert Objective.objects.get(pk=objective.pk).state == "active"


def test_a_grade_above_one_is_refused(org, api, make_objective):
    objective = make_objective(state="active")
    kr = objective.key_results.get()
    response = run(api, org.employee, objective, "close", grades=[{"key_result": kr.pk, "grade": 1.5}])
    assert response.status_code == 400
