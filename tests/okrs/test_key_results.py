"""Key results: 1–5 per objective, a target that differs from the start, adjustments logged after agreement."""

import pytest

from okrs.models import KeyResult, KeyResultAdjustment
from workflows.runner import run_transition

from .conftest import dec, kr_of

pytestmark = pytest.mark.django_db


def kr_body(objective, **extra):
    return {"objective": objective.pk, "title": "Latency p95 under 200 ms", "kind": "decrease_to", "start": 350,
            "target": 200, "unit_label": "ms", **extra}


def test_the_owner_adds_a_key_result_and_its_fields_follow_the_contract(org, api, make_objective):
    objective = make_objective(krs=0)
    response = api(org.employee).post("/api/key-results/", kr_body(objective), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {k: body[k] for k in ("kind", "start", "target", "current", "weight", "owner", "confidence", "progress")} \
        == {"kind": "decrease_to", "start": 350, "target": 200, "current": 350, "weight": 1,
            "owner": org.employee.pk, "confidence": 5, "progress": 0}


def test_a_target_equal_to_the_start_is_refused_with_a_clear_message(org, api, make_objective):
    objective = make_objective(krs=0)
    response = api(org.employee).post("/api/key-results/", kr_body(objective, kind="increase_to", start=10,
                                                                   target=10), format="json")
    assert response.status_code == 400
    assert "equals the start" in response.json()["target"][0]


def test_a_target_on_the_wrong_side_of_the_start_is_refused(org, api, make_objective):
    objective = make_objective(krs=0)
    response = api(org.employee).post("/api/key-results/", kr_body(objective, kind="increase_to"), format="json")
    assert response.status_code == 400
    assert "above its start" in response.json()["target"][0]


def test_a_boolean_key_result_runs_from_zero_to_one_whatever_was_sent(org, api, make_objective):
    objective = make_objective(krs=0)
    response = api(org.employee).post(
        "/api/key-results/", {"objective": objective.pk, "title": "Launch", "kind": "boolean"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["start"], response.json()["target"]) == (0, 1)


def test_a_sixth_key_result_is_refused(org, api, make_objective):
    objective = make_objective(krs=5)
    response = api(org.employee).post("/api/key-results/", kr_body(objective), format="json")
    assert response.status_code == 400
    assert "at most 5" in response.json()["objective"][0]


def test_an_objective_without_key_results_cannot_be_proposed(org, api, make_objective):
    objective = make_objective(krs=0)
    response = api(org.employee).post(f"/api/objectives/{objective.pk}/transitions/submit/")
    assert response.status_code == 409
    assert "at least one key result" in response.json()["detail"]


def test_a_weight_must_be_positive(org, api, make_objective):
    objective = make_objective(krs=0)
    assert api(org.employee).post("/api/key-results/", kr_body(objective, weight=0), format="json").status_code == 400


def test_a_peer_cannot_add_or_change_key_results_of_someone_elses_objective(org, api, make_objective):
    objective = make_objective()
    assert api(org.peer).post("/api/key-results/", kr_body(objective), format="json").status_code == 403
    url = f"/api/key-results/{kr_of(objective).pk}/"
    assert api(org.peer).patch(url, {"title": "Mine"}, format="json").status_code == 403


def test_the_current_value_changes_only_through_a_check_in(org, api, make_objective):
    objective = make_objective()
    response = api(org.employee).patch(f"/api/key-results/{kr_of(objective).pk}/", {"current": 50}, format="json")
    assert response.status_code == 400
    assert "check-in" in response.json()["current"][0]


def test_before_agreement_a_key_result_changes_freely(org, api, make_objective):
    objective = make_objective()
    kr = kr_of(objective)
    response = api(org.employee).patch(f"/api/key-results/{kr.pk}/", {"target": 80}, format="json")
    assert response.status_code == 200
    assert response.json()["target"] == 80
    assert not KeyResultAdjustment.objects.exists()


def test_after_agreement_a_change_without_a_reason_is_refused(org, api, make_objective):
    objective = make_objective(state="agreed")
    kr = kr_of(objective)
    response = api(org.employee).patch(f"/api/key-results/{kr.pk}/", {"target": 80}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert KeyResult.objects.get(pk=kr.pk).target == 100


def test_after_agreement_a_change_with_a_reason_is_logged_as_an_adjustment(org, api, make_objective):
    objective = make_objective(state="active")
    kr = kr_of(objective)
    api(org.employee).post(f"/api/key-results/{kr.pk}/check-ins/", {"value": 40, "confidence": 6}, format="json")
    response = api(org.employee).patch(
        f"/api/key-results/{kr.pk}/", {"target": 80, "reason": "Scope cut by half"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["progress"] == 0.5
    adjustment = KeyResultAdjustment.objects.get(key_result=kr)
    assert adjustment.by == org.employee
    assert adjustment.reason == "Scope cut by half"
    assert adjustment.changes == {"target": {"old": "100", "new": "80"}}
    objective.refresh_from_db()
    assert objective.score == dec("0.5")


def test_adding_a_key_result_after_agreement_needs_a_reason_and_is_logged(org, api, make_objective):
    objective = make_objective(state="agreed")
    assert api(org.employee).post("/api/key-results/", kr_body(objective), format="json").status_code == 400
    response = api(org.employee).post("/api/key-results/", kr_body(objective, reason="New risk"), format="json")
    assert response.status_code == 201
    assert KeyResultAdjustment.objects.get(key_result_id=response.json()["id"]).changes["created"]["old"] is None


def test_a_closed_objectives_key_results_no_longer_change(org, api, make_objective):
    objective = make_objective(state="closed")
    response = api(org.employee).patch(
        f"/api/key-results/{kr_of(objective).pk}/", {"title": "Late edit", "reason": "oops"}, format="json"
    )
    assert response.status_code == 400


def test_the_key_result_list_hides_those_of_private_objectives_from_outsiders(org, api, make_objective):
    secret = make_objective(private=True)
    assert api(org.peer).get(f"/api/key-results/{kr_of(secret).pk}/").status_code == 404
    assert api(org.peer).get(f"/api/key-results/?objective={secret.pk}").json()["count"] == 0
    assert api(org.manager).get(f"/api/key-results/?objective={secret.pk}").json()["count"] == 1


def test_grades_at_close_default_to_progress(org, api, make_objective):
    objective = make_objective(state="active", krs=2)
    first, second = objective.key_results.order_by("position")
    api(org.employee).post(f"/api/key-results/{first.pk}/check-ins/", {"value": 70, "confidence": 7}, format="json")
    api(org.employee).post(f"/api/key-results/{second.pk}/check-ins/", {"value": 20, "confidence": 3}, format="json")
    run_transition(objective, "close", by=org.employee.user,
                   grades=[{"key_result": second.pk, "grade": 0.4, "comment": "Blocked by vendor"}])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.grade == dec("0.7") and first.grade_comment == ""
    assert second.grade == dec("0.4") and second.grade_comment == "Blocked by vendor"
