"""Naming many respondents at once: the single nomination's rules for every row, all or nothing, a fixed number
of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import FeedbackRequest
from reviews.services import NominationErrors, NominationRow, feedback_requests_create_bulk
from tests.cycles.factories import ObjectiveFactory, advance, make_cycle, review_of
from tests.factories import build_org

pytestmark = pytest.mark.django_db
URL = "/api/feedback-requests/bulk/"


@pytest.fixture
def review(org, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    return review_of(cycle, org.employee)


def row(review, person, group="peer", goals=()):
    return {"review": review.pk, "respondent": person.pk, "group": group, "goals": list(goals)}


def test_the_employee_names_several_respondents_in_one_call(org, api, review, goal):
    response = api(org.employee).post(URL, {"requests": [row(review, org.peer, goals=[goal.pk]),
                                                         row(review, org.outsider, "customer")]}, format="json")
    assert response.status_code == 201
    ids = response.json()["ids"]
    created = {r.pk: r for r in FeedbackRequest.objects.filter(pk__in=ids).prefetch_related("goals")}
    assert [created[pk].respondent_id for pk in ids] == [org.peer.pk, org.outsider.pk]
    assert [g.pk for g in created[ids[0]].goals.all()] == [goal.pk]
    assert {(r.state, r.cycle_id, r.group, r.created_by_id) for r in created.values()} == {
        ("nominated", review.cycle_id, "peer", org.employee.pk), ("nominated", review.cycle_id, "customer",
                                                                   org.employee.pk)}


def test_every_bad_row_is_named_by_its_index_and_nothing_is_created(org, api, review):
    foreign = ObjectiveFactory(owner=org.peer)
    response = api(org.employee).post(URL, {"requests": [
        row(review, org.peer),                       # fine on its own
        row(review, org.employee),                   # oneself
        row(review, org.inactive),                   # left the company
        row(review, org.peer),                       # twice in the list
        row(review, org.outsider, "friend"),         # no such group
        row(review, org.skip, goals=[foreign.pk]),   # someone else's goal
    ]}, format="json")
    assert response.status_code == 400
    errors = response.json()["requests"]
    assert sorted(errors) == ["1", "2", "3", "4", "5"]
    assert errors["1"] == {"respondent": ["A person cannot be their own respondent."]}
    assert "no longer active" in errors["2"]["respondent"][0]
    assert "already a respondent" in errors["3"]["respondent"][0]
    assert list(errors["4"]) == ["group"] and list(errors["5"]) == ["goals"]
    assert not FeedbackRequest.objects.filter(review=review).exists()


def test_a_respondent_already_named_before_is_refused(org, api, review):
    assert api(org.employee).post(URL, {"requests": [row(review, org.peer)]}, format="json").status_code == 201
    again = api(org.employee).post(URL, {"requests": [row(review, org.outsider), row(review, org.peer)]},
                                   format="json")
    assert again.status_code == 400 and list(again.json()["requests"]) == ["1"]
    assert FeedbackRequest.objects.filter(review=review).count() == 1


def test_the_review_maximum_counts_the_rows_before_it(org, api, review):
    rows = [row(review, p) for p in (org.peer, org.outsider, org.skip, org.ceo)]  # the cycle's maximum is 3
    response = api(org.employee).post(URL, {"requests": rows}, format="json")
    assert response.status_code == 400
    assert response.json()["requests"] == {"3": {"review": ["This review already has the maximum of 3 respondents."]}}


def test_the_load_cap_counts_open_requests_and_the_rows_of_the_same_call(org, api):
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], max_requests_per_respondent=2)
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    reviews = [review_of(cycle, p) for p in (org.employee, org.peer, org.outsider)]
    response = api(org.hr_admin).post(URL, {"requests": [row(r, org.ceo) for r in reviews]}, format="json")
    assert response.status_code == 400
    assert response.json()["requests"]["2"]["respondent"] == [
        "Cora CEO already has 2 open feedback requests in this cycle; the limit is 2. Choose someone else."]
    assert api(org.hr_admin).post(URL, {"requests": [row(r, org.ceo) for r in reviews[:2]]},
                                  format="json").status_code == 201


def test_a_review_past_nomination_is_a_bad_row(org, api, review):
    review.state = "manager_submitted"
    review.save(update_fields=["state"])
    response = api(org.employee).post(URL, {"requests": [row(review, org.peer)]}, format="json")
    assert response.status_code == 400
    assert response.json()["requests"]["0"] == {"review": ["Respondents can no longer be named for this review."]}


def test_who_may_nominate_in_bulk_as_for_one(org, api, review):
    body = {"requests": [row(review, org.outsider, "customer")]}
    assert api(org.skip).post(URL, body, format="json").status_code == 403     # sees the review, does not lead it
    assert api(org.peer).post(URL, body, format="json").status_code == 404     # does not see it
    assert api(org.manager).post(URL, body, format="json").status_code == 201
    assert api(org.hr_admin).post(URL, {"requests": [row(review, org.peer)]}, format="json").status_code == 201


def test_malformed_bodies_answer_400_by_index(org, api, review):
    client = api(org.employee)
    assert client.post(URL, {"requests": []}, format="json").status_code == 400
    assert client.post(URL, {}, format="json").status_code == 400
    shaped = client.post(URL, {"requests": [row(review, org.peer), {"review": "x"}]}, format="json")
    assert shaped.status_code == 400 and list(shaped.json()["requests"]) == ["1"]


def _people_with_reviews(org, n):
    team = build_org(n, unit=org.platform, top=org.manager)
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], max_respondents=8, max_requests_per_respondent=50)
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    reviews = {r.person_id: r for r in cycle.reviews.all()}
    return [reviews[p.pk] for p in team if p.pk in reviews], team


def _rows(reviews, team, per_review=3):
    """Each review's next three colleagues of the team as its respondents (never the reviewee)."""
    ids = [p.pk for p in team]
    return [NominationRow(review_id=r.pk, respondent_id=ids[(ids.index(r.person_id) + k + 1) % len(ids)], group="peer")
            for r in reviews for k in range(per_review)]


def test_the_number_of_queries_does_not_grow_with_the_rows(org):
    reviews, team = _people_with_reviews(org, 40)
    counts = []
    for chunk in (reviews[:2], reviews[2:]):
        rows = _rows(chunk, team)
        with CaptureQueriesContext(connection) as captured:
            ids = feedback_requests_create_bulk(by=org.hr_admin.user, rows=rows)
        assert len(ids) == len(rows)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
    assert FeedbackRequest.objects.filter(cycle=reviews[0].cycle).count() == 3 * len(reviews)


def test_the_service_refuses_everything_when_one_row_is_bad(org):
    reviews, team = _people_with_reviews(org, 10)
    rows = _rows(reviews, team)
    rows.append(NominationRow(review_id=reviews[0].pk, respondent_id=reviews[0].person_id, group="peer"))
    with pytest.raises(NominationErrors) as refused:
        feedback_requests_create_bulk(by=org.hr_admin.user, rows=rows)
    assert list(refused.value.errors) == [len(rows) - 1]
    assert not FeedbackRequest.objects.filter(cycle=reviews[0].cycle).exists()
