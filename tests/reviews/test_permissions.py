"""Every step refused for the wrong persona: 404 when they may not see the review, 403 when they see it
but may not act, 409 in the wrong state."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import FeedbackRequest
from tests.cycles.factories import ObjectiveFactory, nominate, walk
from workflows.models import TransitionLog
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

# (transition, state it runs from, its owner, readers who may not act, people who may not see)
STEPS = [
    ("submit_goals", "goals_draft", "employee", ["manager", "skip", "hr_partner"], ["peer", "outsider"]),
    ("submit_self_review", "self_review", None, ["manager", "skip", "hr_partner"], ["peer", "outsider"]),
    ("return_self_review", "self_submitted", "manager", ["employee", "skip", "hr_partner"], ["peer", "outsider"]),
    ("approve_respondents", "self_submitted", "manager", ["employee", "skip", "hr_partner"], ["peer", "outsider"]),
    ("submit_manager_review", "manager_submitted", None, ["employee", "skip", "hr_partner"], ["peer", "outsider"]),
    ("acknowledge", "released", "employee", ["manager", "skip", "hr_partner", "hr_admin"], ["peer", "outsider"]),
]


@pytest.mark.parametrize(("name", "state", "owner", "readers", "strangers"), STEPS, ids=[s[0] for s in STEPS])
def test_each_step_is_refused_for_the_wrong_persona(org, api, cycle, name, state, owner, readers, strangers):
    review = walk(org, cycle, state)
    url = f"/api/reviews/{review.pk}/transitions/{name}/"
    logged = TransitionLog.objects.filter(content_type__model="review", object_id=review.pk).count()
    for who in strangers:
        response = api(getattr(org, who)).post(url, {}, format="json")
        assert response.status_code == 404, (who, response.json())
    for who in readers:
        response = api(getattr(org, who)).post(url, {}, format="json")
        assert response.status_code == 403, (who, response.json())
        assert response.json()["detail"]
    assert TransitionLog.objects.filter(content_type__model="review", object_id=review.pk).count() == logged
    if owner is not None:
        body = {"reason": "back to you"} if name.startswith("return") else {}
        assert api(getattr(org, owner)).post(url, body, format="json").status_code == 200


@pytest.mark.parametrize(("name", "who"), [
    ("submit_goals", "employee"), ("agree_goals", "manager"), ("submit_self_review", "employee"),
    ("approve_respondents", "manager"), ("acknowledge", "employee"),
])
def test_a_step_in_the_wrong_state_answers_409_with_the_state(org, api, cycle, name, who):
    review = walk(org, cycle, "respondents_approved")
    response = api(getattr(org, who)).post(f"/api/reviews/{review.pk}/transitions/{name}/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["state"] == "respondents_approved"


def test_the_transitions_field_lists_what_the_caller_may_run_now(org, api, cycle):
    review = walk(org, cycle, "self_submitted")
    url = f"/api/reviews/{review.pk}/"
    assert api(org.manager).get(url).json()["transitions"] == ["approve_respondents", "return_self_review"]
    assert api(org.employee).get(url).json()["transitions"] == []
    assert api(org.hr_admin).get(url).json()["transitions"] == [
        "approve_respondents", "reopen", "return_self_review", "withdraw"]


def test_the_skip_level_manager_reads_but_does_not_write_the_manager_review(org, api, cycle):
    review = walk(org, cycle, "respondents_approved")
    body = {"answers": [], "final_rating": 3}
    assert api(org.skip).get(f"/api/reviews/{review.pk}/").status_code == 200
    assert api(org.skip).put(f"/api/reviews/{review.pk}/manager-review/", body, format="json").status_code == 403
    assert api(org.employee).put(f"/api/reviews/{review.pk}/manager-review/", body, format="json").status_code == 403
    assert api(org.peer).put(f"/api/reviews/{review.pk}/manager-review/", body, format="json").status_code == 404
    assert api(org.manager).put(f"/api/reviews/{review.pk}/manager-review/", body, format="json").status_code == 200


def test_a_respondent_sees_their_request_but_not_the_review(org, api, cycle):
    review = walk(org, cycle, "respondents_approved")
    request = FeedbackRequest.objects.get(review=review, respondent=org.peer)
    peer = api(org.peer)
    assert peer.get(f"/api/reviews/{review.pk}/").status_code == 404
    assert peer.get(f"/api/feedback-requests/{request.pk}/").status_code == 200
    other = FeedbackRequest.objects.get(review=review, respondent=org.outsider)
    assert peer.get(f"/api/feedback-requests/{other.pk}/").status_code == 404
    assert [r["id"] for r in peer.get("/api/feedback-requests/").json()["results"]] == [request.pk]


def test_the_cycle_phases_are_hr_admins_alone(org, api, cycle):
    url = f"/api/cycles/{cycle.pk}/transitions/launch/"
    assert api(org.hr_partner).post(url).status_code == 403
    for who in ("employee", "manager"):  # a draft is HR's: the others do not see it
        assert api(getattr(org, who)).post(url).status_code == 404
    assert api().post(url).status_code == 401
    assert api(org.hr_admin).post(url).status_code == 200
    assert api(org.hr_admin).post(url).status_code == 409
    assert api(org.hr_admin).post(f"/api/cycles/{cycle.pk}/transitions/explode/").status_code == 404


def test_unknown_or_malformed_ids_answer_404(org, api, cycle):
    for url in ("/api/reviews/999999/", "/api/reviews/abc/", "/api/feedback-requests/99999999999999999999999/"):
        assert api(org.hr_admin).get(url).status_code == 404


@pytest.mark.parametrize(("url", "body", "writer", "readers", "strangers"), [
    ("/api/reviews/{review}/self-review/", {"answers": []}, "employee", ["manager", "skip", "hr_partner", "hr_admin"],
     ["peer", "outsider"]),
    ("/api/feedback-requests/{request}/answers/", {"answers": []}, "peer", ["employee", "manager", "ceo", "hr_admin"],
     ["outsider"]),
])
def test_draft_saves_answer_404_to_strangers_403_to_readers_and_200_to_the_writer(
    org, api, cycle, url, body, writer, readers, strangers
):
    review = walk(org, cycle, "self_review")
    [request] = nominate(review, org.peer)
    run_transition(request, "approve", by=org.manager.user)
    url = url.format(review=review.pk, request=request.pk)
    for who in strangers:
        assert api(getattr(org, who)).put(url, body, format="json").status_code == 404, who
    for who in readers:
        assert api(getattr(org, who)).put(url, body, format="json").status_code == 403, who
    assert api(getattr(org, writer)).put(url, body, format="json").status_code == 200
    assert api().put(url, body, format="json").status_code == 401


def test_a_review_page_reads_in_the_same_number_of_queries_however_many_goals_and_respondents(org, api, cycle):
    review = walk(org, cycle, "self_review")
    nominate(review, org.peer)
    client = api(org.hr_admin)
    url = f"/api/reviews/{review.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        ObjectiveFactory(owner=org.employee)
    nominate(review, org.outsider, org.skip)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).json()["respondents"]) == 3
    assert len(few) == len(many) <= 15
