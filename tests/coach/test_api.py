"""The coach over the API: the ``coach`` field of objectives, silences, the company's rule settings."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coach.models import Rule, Silence
from okrs.models import Objective
from people.models import User

from .conftest import TEXTS, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def current(db):
    from django.utils import timezone

    from okrs.selectors import period_containing

    return period_containing(timezone.localdate())


def test_the_coach_field_lists_findings_with_their_target(org, api, current):
    objective = build(current, title=TEXTS["en"]["figure"], owner=org.employee,
                      krs=[{"title": TEXTS["en"]["task"]}, {"title": TEXTS["en"]["measurable"]}])
    task_kr = objective.key_results.order_by("position").first()
    body = api(org.employee).get(f"/api/objectives/{objective.pk}/").json()
    by_rule = {item["rule"]: item for item in body["coach"]}
    assert by_rule["figures_in_objective"]["target"] == "objective"
    assert by_rule["kr_is_a_task"]["target"] == task_kr.pk
    assert set(by_rule["kr_is_a_task"]) == {"rule", "message", "target"}
    assert "launch" in by_rule["kr_is_a_task"]["message"]


def test_the_coach_field_is_empty_for_a_well_written_objective(org, api, current):
    objective = build(current, title=TEXTS["ru"]["plain"], owner=org.employee,
                      krs=[{"title": TEXTS["ru"]["measurable"], "start": 1000, "target": 1500, "unit_label": "чел."}])
    assert api(org.employee).get(f"/api/objectives/{objective.pk}/").json()["coach"] == []


def _add(org, period, n):
    for i in range(n):
        build(period, title=f"{TEXTS['zh']['figure']} {i}", owner=[org.employee, org.peer, org.manager][i % 3],
              state=["draft", "active", "agreed"][i % 3], krs=[{"title": TEXTS["zh"]["task"]}] * 3)


def _count(person, url):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(User.objects.get(pk=person.user_id))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.json()


def test_the_objectives_list_pays_no_query_per_objective_for_the_coach(org, current):
    _add(org, current, 4)
    small, body = _count(org.manager, "/api/objectives/?page_size=500")
    assert all(item["coach"] for item in body["results"])
    _add(org, current, 60)
    large, body = _count(org.manager, "/api/objectives/?page_size=500")
    assert len(body["results"]) == 64
    assert small == large <= 20


def test_the_owner_silences_a_finding_with_a_reason_and_it_leaves_the_field(org, api, current):
    objective = build(current, title=TEXTS["zh"]["figure"], owner=org.employee)
    response = api(org.employee).post("/api/coach/silences/", {
        "objective": objective.pk, "rule": "figures_in_objective", "reason": "The figure is the product's name"},
        format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["by"] == org.employee.pk
    rules = {item["rule"] for item in api(org.employee).get(f"/api/objectives/{objective.pk}/").json()["coach"]}
    assert "figures_in_objective" not in rules
    again = api(org.manager).post("/api/coach/silences/", {
        "objective": objective.pk, "rule": "figures_in_objective", "reason": "twice"}, format="json")
    assert again.status_code == 400 and "rule" in again.json()


@pytest.mark.parametrize("who", ["manager", "skip", "hr_admin"])
def test_the_owners_managers_and_hr_may_silence(org, api, current, who):
    objective = build(current, title=TEXTS["en"]["figure"], owner=org.employee)
    response = api(getattr(org, who)).post("/api/coach/silences/", {
        "objective": objective.pk, "rule": "figures_in_objective", "reason": "ok"}, format="json")
    assert response.status_code == 201


def test_a_colleague_who_sees_the_goal_may_not_silence_it(org, api, current):
    objective = build(current, title=TEXTS["en"]["figure"], owner=org.employee)
    response = api(org.peer).post("/api/coach/silences/", {
        "objective": objective.pk, "rule": "figures_in_objective", "reason": "ok"}, format="json")
    assert response.status_code == 403
    assert not Silence.objects.exists()


def test_a_private_goal_does_not_exist_for_an_outsider_silencing_it(org, api, current):
    objective = build(current, title=TEXTS["en"]["figure"], owner=org.employee, private=True)
    response = api(org.outsider).post("/api/coach/silences/", {
        "objective": objective.pk, "rule": "figures_in_objective", "reason": "ok"}, format="json")
    assert response.status_code == 400 and "objective" in response.json()
    silence = Silence.objects.create(objective=objective, rule="figures_in_objective", reason="x")
    assert api(org.outsider).get(f"/api/coach/silences/{silence.pk}/").status_code == 404
    assert api(org.outsider).delete(f"/api/coach/silences/{silence.pk}/").status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"rule": "no_such_rule", "reason": "x"}, "rule"),
    ({"rule": "figures_in_objective", "reason": ""}, "reason"),
    ({"rule": "figures_in_objective"}, "reason"),
    ({"rule": "kr_is_a_task", "reason": "x", "key_result": "abc"}, "key_result"),
])
def test_bad_silences_answer_400_on_their_field(org, api, current, body, field):
    objective = build(current, title=TEXTS["en"]["figure"], owner=org.employee)
    response = api(org.employee).post("/api/coach/silences/", {"objective": objective.pk, **body}, format="json")
    assert response.status_code == 400 and field in response.json()


def test_a_key_result_of_another_objective_cannot_be_silenced_here(org, api, current):
    mine = build(current, title=TEXTS["en"]["figure"], owner=org.employee)
    other = build(current, title=TEXTS["en"]["plain"], owner=org.employee, krs=[{"title": TEXTS["en"]["task"]}])
    response = api(org.employee).post("/api/coach/silences/", {
        "objective": mine.pk, "key_result": other.key_results.get().pk, "rule": "kr_is_a_task", "reason": "x"},
        format="json")
    assert response.status_code == 400 and "key_result" in response.json()


def test_lifting_a_silence_brings_the_finding_back(org, api, current):
    objective = build(current, title=TEXTS["en"]["figure"], owner=org.employee)
    silence = Silence.objects.create(objective=objective, rule="figures_in_objective", reason="x")
    assert api(org.peer).delete(f"/api/coach/silences/{silence.pk}/").status_code == 403
    assert api(org.employee).delete(f"/api/coach/silences/{silence.pk}/").status_code == 204
    rules = {item["rule"] for item in api(org.employee).get(f"/api/objectives/{objective.pk}/").json()["coach"]}
    assert "figures_in_objective" in rules


def test_every_rule_has_its_setting_from_the_migration(org, api):
    body = api(org.employee).get("/api/coach/rules/").json()
    assert [row["code"] for row in body["results"]] == Rule.values
    assert all(row["enabled"] for row in body["results"])


def test_hr_admin_switches_a_rule_off_and_it_stops_firing(org, api, current):
    objective = build(current, title=TEXTS["ru"]["figure"], owner=org.employee)
    response = api(org.hr_admin).patch("/api/coach/rules/figures_in_objective/", {"enabled": False}, format="json")
    assert response.status_code == 200 and response.json()["enabled"] is False
    assert api(org.employee).get(f"/api/objectives/{objective.pk}/").json()["coach"] == []


def test_hr_admin_sets_a_threshold_and_the_rule_follows_it(org, api, current):
    objectives = [build(current, title=f"{TEXTS['en']['plain']} {i}", owner=org.employee) for i in range(2)]
    url = f"/api/objectives/{objectives[0].pk}/"
    assert not any(i["rule"] == "too_many_objectives" for i in api(org.employee).get(url).json()["coach"])
    response = api(org.hr_admin).patch("/api/coach/rules/too_many_objectives/", {"params": {"max": 1}},
                                       format="json")
    assert response.status_code == 200 and response.json()["params"] == {"max": 1}
    assert any(i["rule"] == "too_many_objectives" for i in api(org.employee).get(url).json()["coach"])


@pytest.mark.parametrize("params", [{"max": 0}, {"max": "three"}, {"max": 2.5}, {"days": 3}, [1], {"max": True}])
def test_bad_thresholds_answer_400(org, api, params):
    response = api(org.hr_admin).patch("/api/coach/rules/too_many_objectives/", {"params": params}, format="json")
    assert response.status_code == 400 and "params" in response.json()


def test_only_hr_admin_configures_the_coach(org, api):
    response = api(org.ceo).patch("/api/coach/rules/too_many_objectives/", {"enabled": False}, format="json")
    assert response.status_code == 403
    assert api(org.hr_admin).patch("/api/coach/rules/nope/", {"enabled": False}, format="json").status_code == 404
    assert api(org.hr_admin).put("/api/coach/rules/too_many_objectives/", {}, format="json").status_code == 405
    assert api().get("/api/coach/rules/").status_code == 401


def test_a_unit_lists_its_findings_by_rule_a_page_at_a_time(org, api, current):
    build(current, title=TEXTS["zh"]["figure"], level="team", unit=org.platform, state="active")
    build(current, title=TEXTS["zh"]["figure"], owner=org.employee, krs=[{"title": TEXTS["zh"]["task"]}])
    build(current, title=TEXTS["zh"]["figure"], owner=org.outsider)  # Sales: not Engineering's
    body = api(org.skip).get(f"/api/coach/units/{org.engineering.pk}/findings/?period={current.code}").json()
    counts = {row["rule"]: row["count"] for row in body["rules"]}
    assert counts["figures_in_objective"] == 2 and counts["kr_is_a_task"] == 1
    assert body["objectives"] == 2 and body["flagged"] == 2
    only = api(org.skip).get(f"/api/coach/units/{org.engineering.pk}/findings/?period={current.pk}"
                             "&rule=kr_is_a_task").json()
    assert [row["rule"] for row in only["results"]] == ["kr_is_a_task"]
    assert api(org.skip).get(f"/api/coach/units/{org.engineering.pk}/findings/?rule=x").status_code == 400
    assert api(org.skip).get(f"/api/coach/units/{org.engineering.pk}/findings/?period=1999-Q9").status_code == 400
    assert api(org.skip).get("/api/coach/units/99999/findings/").status_code == 404


def test_objective_states_other_than_closed_are_coached(org, api, current):
    objective = build(current, title=TEXTS["en"]["figure"], owner=org.employee, state=Objective.State.PROPOSED)
    assert api(org.employee).get(f"/api/objectives/{objective.pk}/").json()["coach"]
