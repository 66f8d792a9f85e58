"""A whole cycle for the small org through the API, each step by the persona who owns it."""

import pytest

from reviews.models import FeedbackRequest, Review
from tests.cycles.factories import respondent_answers, review_of, self_answers
from workflows.models import TransitionLog

pytestmark = pytest.mark.django_db


def post(client, url, body=None):
    return client.post(url, body or {}, format="json")


def test_a_whole_cycle_walks_from_draft_to_closed(org, api, cycle, goal):
    hr, employee, manager = api(org.hr_admin), api(org.employee), api(org.manager)
    base = f"/api/cycles/{cycle.pk}/transitions"

    response = post(hr, f"{base}/launch/")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "goal_setting"
    review = review_of(cycle, org.employee)
    url = f"/api/reviews/{review.pk}"
    assert review.manager == org.manager

    assert post(employee, f"{url}/transitions/submit_goals/").json()["state"] == "goals_submitted"
    assert post(manager, f"{url}/transitions/agree_goals/").json()["state"] == "goals_agreed"
    assert post(hr, f"{base}/start_tracking/").status_code == 200
    assert post(hr, f"{base}/open_self_review/").json()["state"] == "self_review"
    assert Review.objects.get(pk=review.pk).state == "self_review"

    body = employee.get(f"{url}/").json()
    assert {q["kind"] for q in body["questions"]} == {"goal", "text"}
    assert [q["goal"] for q in body["questions"] if q["kind"] == "goal"] == [goal.pk]
    answers = self_answers(review) + [{"question": body["questions"][0]["id"], "goal": goal.pk, "text": "Shipped"}]
    saved = employee.put(f"{url}/self-review/", {"answers": answers, "version": 0}, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["self_review"]["version"] == 1

    for person, group in ((org.peer, "peer"), (org.outsider, "customer")):
        created = post(employee, "/api/feedback-requests/",
                       {"review": review.pk, "respondent": person.pk, "group": group, "goals": [goal.pk]})
        assert created.status_code == 201, created.json()
        assert created.json()["state"] == "nominated"
    assert post(employee, f"{url}/transitions/submit_self_review/").json()["state"] == "self_submitted"
    approved = post(manager, f"{url}/transitions/approve_respondents/")
    assert approved.json()["state"] == "respondents_approved"
    assert set(FeedbackRequest.objects.filter(review=review).values_list("state", flat=True)) == {"approved"}

    assert post(hr, f"{base}/open_feedback/").status_code == 200
    for person in (org.peer, org.outsider):
        client = api(person)
        [request] = client.get("/api/feedback-requests/").json()["results"]
        goal_questions = [q for q in request["questions"] if q["kind"] == "goal"]
        assert [q["goal"] for q in goal_questions] == [goal.pk]
        fr = FeedbackRequest.objects.get(pk=request["id"])
        answers = respondent_answers(fr) + [{"question": goal_questions[0]["id"], "goal": goal.pk, "rating": 5}]
        assert client.put(f"/api/feedback-requests/{fr.pk}/answers/", {"answers": answers},
                          format="json").status_code == 200
        assert post(client, f"/api/feedback-requests/{fr.pk}/transitions/submit/").json()["state"] == "submitted"

    assert post(hr, f"{base}/open_manager_review/").status_code == 200
    seen = manager.get(f"{url}/").json()
    # customer, peer: below the threshold of 2, withheld without a count
    assert [(g["group"], g["responses"], g["withheld"]) for g in seen["feedback"]] == [
        ("customer", None, True), ("peer", None, True)]
    manager_question = next(q for q in seen["questions"] if q["author"] == "manager")
    saved = manager.put(f"{url}/manager-review/", {"answers": [{"question": manager_question["id"], "text": "Solid"}],
                                                   "final_rating": 3, "potential": 2}, format="json")
    assert saved.status_code == 200, saved.json()
    assert post(manager, f"{url}/transitions/submit_manager_review/").json()["state"] == "manager_submitted"

    assert post(hr, f"{base}/start_calibration/").status_code == 200
    calibrated = post(hr, f"{url}/transitions/calibrate/", {"final_rating": 4, "reason": "exceeded on the app"})
    assert calibrated.json()["state"] == "calibrated"
    assert calibrated.json()["final_rating"] == 4
    assert calibrated.json()["manager_review"]["final_rating"] == 3

    before = employee.get(f"{url}/").json()
    assert "manager_review" not in before and "final_rating" not in before and "feedback" not in before
    assert post(hr, f"{base}/release_results/").status_code == 200
    after = employee.get(f"{url}/").json()
    assert after["state"] == "released"
    assert after["final_rating"] == 4 and after["calibration_reason"] == "exceeded on the app"
    assert "potential" not in after["manager_review"]
    assert all(g["withheld"] and g["comments"] == [] for g in after["feedback"])
    assert post(employee, f"{url}/transitions/acknowledge/").json()["state"] == "acknowledged"
    assert post(hr, f"{base}/close/").json()["state"] == "closed"
    assert Review.objects.get(pk=review.pk).state == "closed"
    moves = list(TransitionLog.objects.filter(object_id=review.pk, content_type__model="review")
                 .order_by("pk").values_list("transition", flat=True))
    assert moves == ["submit_goals", "agree_goals", "open_self_review", "submit_self_review", "approve_respondents",
                     "submit_manager_review", "calibrate", "release", "acknowledge", "close"]
