"""Naming respondents: per goal and group, within the cycle's limits, approved by the manager."""

import pytest

from reviews.models import FeedbackRequest
from tests.cycles.factories import ObjectiveFactory, advance, make_cycle, nominate, review_of, self_answers
from tests.factories import PersonFactory
from workflows.models import TransitionLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(org, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review.self_answers = self_answers(review)
    review.save(update_fields=["self_answers"])
    return review


def ask(client, review, person, group="peer", goals=()):
    return client.post("/api/feedback-requests/", {"review": review.pk, "respondent": person.pk, "group": group,
                                                   "goals": list(goals)}, format="json")


def test_the_employee_names_respondents_per_goal_and_they_answer_only_about_those(org, api, review, goal):
    other_goal = ObjectiveFactory(owner=org.employee, title="Hire two engineers")
    response = ask(api(org.employee), review, org.peer, goals=[goal.pk])
    assert response.status_code == 201
    data = response.json()
    assert (data["reviewee"], data["respondent"], data["group"], data["goals"]) == (
        org.employee.pk, org.peer.pk, "peer", [goal.pk])
    goal_questions = [q["goal"] for q in data["questions"] if q["kind"] == "goal"]
    assert goal_questions == [goal.pk]
    assert other_goal.pk not in goal_questions


def test_a_goal_made_public_may_be_assessed_by_any_respondent(org, api, review, goal):
    public = ObjectiveFactory(owner=org.employee, title="Open-source the SDK")
    api(org.employee).put(f"/api/reviews/{review.pk}/self-review/",
                          {"answers": self_answers(review), "public_goals": [public.pk]}, format="json")
    data = ask(api(org.employee), review, org.peer, goals=[goal.pk]).json()
    assert [q["goal"] for q in data["questions"] if q["kind"] == "goal"] == [goal.pk, public.pk]


def test_a_private_goal_cannot_be_made_public(org, api, review):
    private = ObjectiveFactory(owner=org.employee, private=True)
    response = api(org.employee).put(f"/api/reviews/{review.pk}/self-review/",
                                     {"answers": [], "public_goals": [private.pk]}, format="json")
    assert response.status_code == 400 and "public_goals" in response.json()


def test_goals_that_are_not_the_persons_are_refused(org, api, review):
    foreign = ObjectiveFactory(owner=org.peer)
    response = ask(api(org.employee), review, org.outsider, goals=[foreign.pk])
    assert response.status_code == 400 and "goals" in response.json()


def test_the_manager_may_add_respondents_but_a_colleague_may_not(org, api, review):
    assert ask(api(org.manager), review, org.outsider, group="customer").status_code == 201
    assert ask(api(org.skip), review, org.ceo).status_code == 403
    assert ask(api(org.peer), review, org.ceo).status_code == 404


def test_a_respondent_once_and_never_oneself(org, api, review):
    client = api(org.employee)
    assert ask(client, review, org.peer).status_code == 201
    again = ask(client, review, org.peer)
    assert again.status_code == 400 and "already a respondent" in again.json()["respondent"][0]
    assert ask(client, review, org.employee).status_code == 400
    assert ask(client, review, org.inactive).status_code == 400
    assert ask(client, review, org.peer, group="friend").status_code == 400


def test_the_maximum_of_respondents_per_review_is_enforced_with_a_clear_message(org, api, review):
    for person in (org.peer, org.outsider, org.skip):
        assert ask(api(org.employee), review, person).status_code == 201
    response = ask(api(org.employee), review, org.ceo)
    assert response.status_code == 400
    assert response.json() == {"detail": "This review already has the maximum of 3 respondents."}


def test_the_minimum_is_enforced_at_submit_and_at_approval(org, api, review):
    nominate(review, org.peer)
    response = api(org.employee).post(f"/api/reviews/{review.pk}/transitions/submit_self_review/")
    assert response.status_code == 400
    assert response.json() == {"detail": "Name at least 2 respondents; this review has 1."}
    nominate(review, org.outsider)
    assert api(org.employee).post(f"/api/reviews/{review.pk}/transitions/submit_self_review/").status_code == 200
    request = FeedbackRequest.objects.get(review=review, respondent=org.outsider)
    assert api(org.manager).post(f"/api/feedback-requests/{request.pk}/transitions/cancel/").status_code == 200
    refused = api(org.manager).post(f"/api/reviews/{review.pk}/transitions/approve_respondents/")
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("Name at least 2 respondents")


def test_the_reviewer_load_cap_across_the_cycle_is_enforced_with_a_clear_message(org, api):
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], max_requests_per_respondent=2)
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    popular = org.ceo
    for person in (org.employee, org.peer):
        assert ask(api(person), review_of(cycle, person), popular).status_code == 201
    response = ask(api(org.outsider), review_of(cycle, org.outsider), popular)
    assert response.status_code == 400
    assert response.json()["respondent"] == [
        "Cora CEO already has 2 open feedback requests in this cycle; the limit is 2. Choose someone else."]
    FeedbackRequest.objects.filter(review__person=org.peer).update(state="submitted")  # answered: no longer open
    assert ask(api(org.outsider), review_of(cycle, org.outsider), popular).status_code == 201


def test_approving_the_list_sends_every_nominated_request_out_in_bulk_with_one_log_row_each(org, api, review):
    requests = nominate(review, org.peer, org.outsider)
    api(org.employee).post(f"/api/reviews/{review.pk}/transitions/submit_self_review/")
    assert api(org.manager).post(f"/api/reviews/{review.pk}/transitions/approve_respondents/").status_code == 200
    assert set(FeedbackRequest.objects.filter(review=review).values_list("state", flat=True)) == {"approved"}
    logs = TransitionLog.objects.filter(content_type__model="feedbackrequest", transition="approve")
    assert sorted(logs.values_list("object_id", flat=True)) == sorted(r.pk for r in requests)
    assert {log.by for log in logs} == {org.manager.user}


def test_the_reviewee_cancels_a_nomination_only_before_approval(org, api, review):
    [request] = nominate(review, org.peer)
    url = f"/api/feedback-requests/{request.pk}/"
    assert "cancel" in api(org.employee).get(url).json()["transitions"]
    assert api(org.manager).post(f"{url}transitions/approve/").json()["state"] == "approved"
    assert api(org.employee).post(f"{url}transitions/cancel/").status_code == 403
    assert api(org.manager).post(f"{url}transitions/cancel/").json()["state"] == "cancelled"


def test_a_respondent_declines_with_a_reason(org, api, review):
    [request] = nominate(review, org.peer)
    url = f"/api/feedback-requests/{request.pk}/transitions/"
    busy = {"reason": "busy"}
    assert api(org.peer).post(f"{url}decline/", busy, format="json").status_code == 404  # not out yet
    api(org.manager).post(f"{url}approve/")
    assert api(org.peer).post(f"{url}decline/", {}, format="json").status_code == 400
    assert api(org.outsider).post(f"{url}decline/", busy, format="json").status_code == 404
    assert api(org.employee).post(f"{url}decline/", busy, format="json").status_code == 403
    response = api(org.peer).post(f"{url}decline/", {"reason": "I have not worked with Emil"}, format="json")
    assert response.json()["state"] == "declined"
    assert FeedbackRequest.objects.get(pk=request.pk).decline_reason == "I have not worked with Emil"


def test_a_respondent_saves_drafts_and_submits_only_with_the_required_answers(org, api, review):
    [request] = nominate(review, org.peer)
    api(org.manager).post(f"/api/feedback-requests/{request.pk}/transitions/approve/")
    peer = api(org.peer)
    data = peer.get(f"/api/feedback-requests/{request.pk}/").json()
    overall = next(q for q in data["questions"] if q["kind"] == "rating")
    assert [lv["value"] for lv in overall["scale"]] == [1, 2, 3, 4, 5, 0]
    refused = peer.post(f"/api/feedback-requests/{request.pk}/transitions/submit/")
    assert refused.status_code == 400
    saved = peer.put(f"/api/feedback-requests/{request.pk}/answers/",
                     {"answers": [{"question": overall["id"], "rating": 0}], "version": 0}, format="json")
    assert saved.json()["version"] == 1
    stale = peer.put(f"/api/feedback-requests/{request.pk}/answers/", {"answers": [], "version": 0}, format="json")
    assert stale.status_code == 409
    assert api(org.employee).put(f"/api/feedback-requests/{request.pk}/answers/", {"answers": []},
                                 format="json").status_code == 403
    assert peer.post(f"/api/feedback-requests/{request.pk}/transitions/submit/").json()["state"] == "submitted"


def test_a_new_person_may_be_named_once_they_joined_the_org(org, api, review):
    newcomer = PersonFactory(unit=org.sales, manager=org.ceo)
    assert ask(api(org.employee), review, newcomer, group="customer").status_code == 201
