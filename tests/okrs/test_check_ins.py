"""Check-ins: who records them, and stored progress and scores that never drift from the rows behind them."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrs.models import CheckIn, KeyResult, Objective
from okrs.selectors import scores_from_rows
from okrs.services import check_in_create, key_result_create, key_result_update

from .conftest import dec, kr_of

pytestmark = pytest.mark.django_db


def test_a_check_in_moves_value_confidence_progress_and_score_at_once(org, api, make_objective):
    objective = make_objective(state="active", krs=2)
    first, second = objective.key_results.order_by("position")
    response = api(org.employee).post(
        f"/api/key-results/{first.pk}/check-ins/", {"value": 30, "confidence": 8, "note": "On track"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["progress"] == 0.3
    assert response.json()["objective_score"] == 0.15
    first.refresh_from_db()
    assert (first.current, first.confidence, first.progress) == (30, 8, dec("0.3"))
    detail = api(org.employee).get(f"/api/objectives/{objective.pk}/").json()
    assert detail["score"] == 0.15
    assert detail["zone"] == "red"


def test_the_check_in_history_lists_newest_first(org, api, make_objective):
    objective = make_objective(state="active")
    kr = kr_of(objective)
    client = api(org.employee)
    for value in (10, 25, 40):
        client.post(f"/api/key-results/{kr.pk}/check-ins/", {"value": value, "confidence": 5}, format="json")
    history = client.get(f"/api/key-results/{kr.pk}/check-ins/").json()
    assert [c["value"] for c in history["results"]] == [40, 25, 10]
    assert history["results"][0]["author"] == org.employee.pk


@pytest.mark.parametrize(
    ("who", "code"),
    [("employee", 201), ("manager", 201), ("hr_admin", 201), ("peer", 403), ("skip", 403), ("outsider", 403)],
)
def test_check_ins_are_recorded_by_the_kr_owner_objective_owner_or_unit_lead(org, api, make_objective, who, code):
    objective = make_objective("team", org.platform, state="active")
    kr = kr_of(objective)
    KeyResult.objects.filter(pk=kr.pk).update(owner=org.employee)
    response = api(getattr(org, who)).post(f"/api/key-results/{kr.pk}/check-ins/", {"value": 5, "confidence": 5},
                                           format="json")
    assert response.status_code == code


def test_a_check_in_on_an_invisible_key_result_answers_404(org, api, make_objective):
    secret = make_objective(private=True, state="active")
    response = api(org.peer).post(f"/api/key-results/{kr_of(secret).pk}/check-ins/", {"value": 5, "confidence": 5},
                                  format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("body", [{"value": 5, "confidence": 11}, {"value": 5, "confidence": -1},
                                  {"value": "lots", "confidence": 5}, {"confidence": 5}, {"value": 5}])
def test_a_bad_check_in_is_refused(org, api, make_objective, body):
    objective = make_objective(state="active")
    response = api(org.employee).post(f"/api/key-results/{kr_of(objective).pk}/check-ins/", body, format="json")
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_a_boolean_key_result_takes_only_zero_or_one(org, make_objective):
    objective = make_objective(state="active")
    kr = key_result_create(by=org.employee.user, objective=objective, title="Launch", kind="boolean",
                           reason="added")
    with pytest.raises(Exception, match="0 \\(not done\\) or 1"):
        check_in_create(key_result=kr, by=org.employee.user, value=2, confidence=5)
    check_in_create(key_result=kr, by=org.employee.user, value=1, confidence=9)
    assert KeyResult.objects.get(pk=kr.pk).progress == 1
    assert Objective.objects.get(pk=objective.pk).score == dec("0.5")  # beside an untouched key result


def test_no_check_ins_once_closed(org, api, make_objective):
    objective = make_objective(state="closed")
    response = api(org.employee).post(f"/api/key-results/{kr_of(objective).pk}/check-ins/",
                                      {"value": 5, "confidence": 5}, format="json")
    assert response.status_code == 400


def assert_stored_equals_recomputed(objective: Objective) -> None:
    currents, progresses, scores = scores_from_rows([objective.pk])
    for kr in KeyResult.objects.filter(objective=objective):
        assert kr.current == currents[kr.pk]
        assert kr.progress == progresses[kr.pk]
    assert Objective.objects.get(pk=objective.pk).score == scores[objective.pk]


step = st.one_of(
    st.tuples(st.just("check_in"), st.integers(0, 2), st.decimals(-50, 250, places=2), st.integers(0, 10)),
    st.tuples(st.just("target"), st.integers(0, 2), st.decimals(101, 400, places=2), st.just(0)),
    st.tuples(st.just("weight"), st.integers(0, 2), st.decimals(Decimal("0.5"), 5, places=1), st.just(0)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_random_sequences_of_check_ins_and_adjustments_never_drift(org, make_objective, steps):
    objective = make_objective(state="active", krs=3)
    krs = list(objective.key_results.order_by("position"))
    user = org.employee.user
    try:
        for kind, index, value, confidence in steps:
            kr = krs[index]
            if kind == "check_in":
                check_in_create(key_result=kr, by=user, value=value, confidence=confidence)
            elif kind == "target":
                key_result_update(key_result=kr, by=user, reason="replanned", target=value)
            else:
                key_result_update(key_result=kr, by=user, reason="reweighted", weight=value)
            assert_stored_equals_recomputed(objective)
    finally:
        # Each example adds an objective for the same owner and period: keep under the five allowed.
        Objective.objects.filter(pk=objective.pk).delete()


def test_the_chart_history_follows_the_objectives_visibility(org, make_objective):
    from okrs.selectors import check_in_history

    secret = make_objective(private=True, state="active")
    kr = kr_of(secret)
    for value in (10, 20):
        check_in_create(key_result=kr, by=org.employee.user, value=value, confidence=5)
    assert [c.value for c in check_in_history(org.manager.user, secret)] == [10, 20]
    assert not check_in_history(org.peer.user, secret).exists()
