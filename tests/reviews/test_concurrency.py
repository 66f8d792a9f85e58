"""Two people approving the same respondent list at once: one wins, the other gets 409."""

import threading

import pytest
from django.db import close_old_connections, connection
from rest_framework.test import APIClient

from reviews.models import FeedbackRequest
from tests.cycles.factories import ObjectiveFactory, make_cycle, walk
from workflows.models import TransitionLog


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_approvals_of_a_respondent_list_exactly_one_wins(org):
    ObjectiveFactory(owner=org.employee)
    review = walk(org, make_cycle(by=org.hr_admin, units=[org.acme]), "self_submitted")
    approvers = [org.manager, org.hr_admin]  # the review's manager and HR admin may both approve
    barrier = threading.Barrier(len(approvers))
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def attempt(person):
        client = APIClient()
        client.force_authenticate(user=person.user)
        try:
            barrier.wait()
            response = client.post(f"/api/reviews/{review.pk}/transitions/approve_respondents/", {}, format="json")
            with lock:
                outcomes.append((response.status_code, response.json()["state"]))
        finally:
            connection.close()

    close_old_connections()
    threads = [threading.Thread(target=attempt, args=(p,)) for p in approvers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == [(200, "respondents_approved"), (409, "respondents_approved")]
    logs = TransitionLog.objects.filter(content_type__model="review", object_id=review.pk,
                                        transition="approve_respondents")
    assert logs.count() == 1
    requests = FeedbackRequest.objects.filter(review=review)
    assert set(requests.values_list("state", flat=True)) == {"approved"}
    assert TransitionLog.objects.filter(content_type__model="feedbackrequest", transition="approve").count() == (
        requests.count())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_nominations_at_once_cannot_both_take_the_last_respondent_place(org):
    ObjectiveFactory(owner=org.employee)
    review = walk(org, make_cycle(by=org.hr_admin, units=[org.acme], min_respondents=1, max_respondents=1),
                  "self_review")
    barrier = threading.Barrier(2)
    codes: list[int] = []
    lock = threading.Lock()

    def attempt(nominator, respondent):
        client = APIClient()
        client.force_authenticate(user=nominator.user)
        try:
            barrier.wait()
            response = client.post("/api/feedback-requests/", {"review": review.pk, "respondent": respondent.pk,
                                                                "group": "peer"}, format="json")
            with lock:
                codes.append(response.status_code)
        finally:
            connection.close()

    close_old_connections()
    threads = [threading.Thread(target=attempt, args=args)
               for args in ((org.employee, org.peer), (org.manager, org.outsider))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201, 400]
    assert FeedbackRequest.objects.filter(review=review).count() == 1
