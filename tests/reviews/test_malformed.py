"""No request, however malformed, answers 500."""

import pytest

from tests.cycles.factories import walk

pytestmark = pytest.mark.django_db

BODIES = [None, [], "text", 7, {"answers": None}, {"answers": [None]}, {"answers": [{"question": "x"}]},
          {"answers": [{"question": 1, "rating": "high"}]}, {"answers": [], "version": "new"},
          {"answers": [], "version": -1}, {"answers": [{"question": 10**30}]}]


@pytest.mark.parametrize("body", BODIES)
def test_bad_draft_bodies_answer_400(org, api, cycle, body):
    review = walk(org, cycle, "respondents_approved")
    for who, url in ((org.manager, f"/api/reviews/{review.pk}/manager-review/"),
                     (org.peer, f"/api/feedback-requests/{review.requests.get(respondent=org.peer).pk}/answers/")):
        response = api(who).put(url, body, format="json")
        assert response.status_code == 400, (url, response.content)


@pytest.mark.parametrize(("url", "who", "body"), [
    ("self-review", "employee", {"answers": [], "public_goals": "all"}),
    ("self-review", "employee", {"answers": [], "public_goals": [10**30]}),
    ("manager-review", "manager", {"answers": [], "final_rating": "good"}),
    ("manager-review", "manager", {"answers": [], "potential": 99}),
])
def test_bad_review_specific_fields_answer_400(org, api, cycle, url, who, body):
    review = walk(org, cycle, "self_review" if url == "self-review" else "respondents_approved")
    response = api(getattr(org, who)).put(f"/api/reviews/{review.pk}/{url}/", body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("body", [
    {}, {"review": "x", "respondent": 1, "group": "peer"}, {"review": 1, "respondent": "me", "group": "peer"},
    {"review": 10**30, "respondent": 1, "group": "peer"}, {"review": 1, "respondent": 1, "group": "peer", "goals": "a"},
    {"review": 1, "respondent": 1, "group": "peer", "goals": [10**30]}, [],
])
def test_bad_nominations_answer_400_or_404(org, api, cycle, body):
    walk(org, cycle, "self_review")
    response = api(org.employee).post("/api/feedback-requests/", body, format="json")
    assert response.status_code in (400, 404), response.content


@pytest.mark.parametrize("body", [{"final_rating": "x", "reason": "r"}, {"final_rating": None, "reason": "r"},
                                  {"final_rating": 3, "reason": 5}, {"final_rating": [3], "reason": "r"}, "x"])
def test_bad_calibrations_answer_400(org, api, cycle, body):
    review = walk(org, cycle, "manager_submitted")
    api(org.hr_admin).post(f"/api/cycles/{review.cycle_id}/transitions/start_calibration/")
    response = api(org.hr_admin).post(f"/api/reviews/{review.pk}/transitions/calibrate/", body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("body", [{"deadlines": ["2030-01-01"]}, {"group_weights": {"peer": "heavy"}},
                                  {"periods": "all"}, {"hired_before": "soon"}, {"min_respondents": -1},
                                  {"anonymity_threshold": 10**9}, {"final_scale_id": 10**30}])
def test_bad_cycle_configuration_answers_400(org, api, cycle, body):
    response = api(org.hr_admin).patch(f"/api/cycles/{cycle.pk}/", body, format="json")
    assert response.status_code == 400, response.content
