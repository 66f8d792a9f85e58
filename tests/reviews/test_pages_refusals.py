"""Every step of the review pages refused for the wrong persona: 404 when they may not see the review, 403
when they see it but may not act, 409 in the wrong state, 400 with the field errors for a bad form."""

import pytest

from reviews.forms import field_prefix
from reviews.models import FeedbackRequest, Review
from reviews.selectors import review_questions
from tests.cycles.factories import advance, nominate, review_of, walk

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def review(org, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    return review_of(cycle, org.employee)


def text_form(review, authors=("self",), text="Mine", **extra):
    asked = review_questions(Review.objects.get(pk=review.pk), authors=authors)
    return {**{f"{field_prefix(q)}-text": text for q in asked if q["kind"] != "rating"}, **extra}


@pytest.mark.parametrize("who", ["outsider", "peer"])
@pytest.mark.parametrize(("method", "path"), [
    ("get", ""), ("post", "self-review/"), ("post", "manager-review/"), ("post", "respondents/"),
    ("get", "respondents/search/?q=a"), ("post", "transitions/submit_self_review/"),
    ("post", "transitions/approve_respondents/"),
])
def test_people_who_may_not_see_the_review_get_404(org, web, review, who, method, path):
    response = getattr(web(getattr(org, who)), method)(f"/reviews/{review.pk}/{path}")
    assert response.status_code == 404


def test_an_unknown_review_or_transition_is_404(org, web, review):
    assert web(org.employee).get("/reviews/999999/").status_code == 404
    assert web(org.employee).post(f"/reviews/{review.pk}/transitions/fly/").status_code == 404


def test_readers_who_may_not_act_get_403(org, web, review):
    skip, manager, employee = web(org.skip), web(org.manager), web(org.employee)
    assert skip.get(f"/reviews/{review.pk}/").status_code == 200
    assert skip.post(f"/reviews/{review.pk}/self-review/", text_form(review)).status_code == 403
    assert manager.post(f"/reviews/{review.pk}/self-review/", text_form(review)).status_code == 403
    assert skip.post(f"/reviews/{review.pk}/respondents/", {"respondent": org.peer.pk, "group": "peer"}).status_code \
        == 403
    assert manager.post(f"/reviews/{review.pk}/transitions/submit_self_review/").status_code == 403
    assert employee.post(f"/reviews/{review.pk}/transitions/approve_respondents/").status_code == 403
    assert employee.post(f"/reviews/{review.pk}/manager-review/", {"final_rating": 3}).status_code == 403
    assert manager.post(f"/reviews/{review.pk}/transitions/reopen/", {"reason": "x"}).status_code == 403
    assert Review.objects.get(pk=review.pk).state == "self_review"


def test_the_wrong_state_is_409(org, web, review):
    manager = web(org.manager)
    response = manager.post(f"/reviews/{review.pk}/transitions/approve_respondents/")
    assert response.status_code == 409
    assert "This step is not possible now: it is at “Self-review”" in response.content.decode()
    response = manager.post(f"/reviews/{review.pk}/manager-review/", {"final_rating": 3})
    assert response.status_code == 409


def test_a_submitted_self_review_is_409_and_keeps_the_text(org, web, cycle):
    submitted = walk(org, cycle, "self_submitted")
    response = web(org.employee).post(f"/reviews/{submitted.pk}/self-review/", text_form(submitted, text="Too late"))
    assert response.status_code == 409
    assert "Too late" in response.content.decode()  # the text is kept in the form


def test_a_stale_version_says_changed_elsewhere_and_keeps_the_text(org, web, review):
    employee = web(org.employee)
    assert employee.post(f"/reviews/{review.pk}/self-review/", text_form(review, version=0), **HTMX).status_code == 200
    stale = text_form(review, text="My other tab", version=0)
    response = employee.post(f"/reviews/{review.pk}/self-review/", stale, **HTMX)
    assert response.status_code == 200  # htmx swaps only 2xx: the conflict is in the status it shows
    assert "Changed elsewhere" in response.content.decode()
    assert 'hx-swap-oob' not in response.content.decode()  # the form keeps the old version: the conflict stays
    response = employee.post(f"/reviews/{review.pk}/self-review/", stale)
    assert response.status_code == 409
    assert "Changed elsewhere" in response.content.decode() and "My other tab" in response.content.decode()
    assert Review.objects.get(pk=review.pk).self_answers[0]["text"] == "Mine"


def test_submitting_with_missing_answers_is_400_and_the_draft_is_kept(org, web, review):
    response = web(org.employee).post(f"/reviews/{review.pk}/self-review/", {"submit": "1", "version": 0})
    assert response.status_code == 400
    assert "Answer this question: it is required." in response.content.decode()
    assert Review.objects.get(pk=review.pk).state == "self_review"


def test_an_invalid_nomination_is_400_with_the_field_errors(org, web, review):
    employee = web(org.employee)
    response = employee.post(f"/reviews/{review.pk}/respondents/", {"group": "boss"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "boss" in page and "required" in page
    response = employee.post(f"/reviews/{review.pk}/respondents/", {"respondent": org.employee.pk, "group": "peer"})
    assert response.status_code == 400
    assert "cannot be their own respondent" in response.content.decode()


def test_the_load_cap_is_refused_with_a_clear_message(org, web, cycle):
    cycle.max_requests_per_respondent = 1
    cycle.save(update_fields=["max_requests_per_respondent"])
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    nominate(review_of(cycle, org.peer), org.outsider)
    review = review_of(cycle, org.employee)
    response = web(org.employee).post(f"/reviews/{review.pk}/respondents/",
                                      {"respondent": org.outsider.pk, "group": "customer"})
    assert response.status_code == 400
    assert "already has 1 open feedback requests in this cycle; the limit is 1" in response.content.decode()


def test_a_feedback_request_refuses_the_wrong_persona(org, web, cycle):
    review = walk(org, cycle, "respondents_approved")
    request = FeedbackRequest.objects.get(review=review, respondent=org.peer)
    url = f"/reviews/requests/{request.pk}"
    assert web(org.hr_partner).get(f"{url}/").status_code == 200  # reads the review
    assert web(org.outsider).get(f"/reviews/requests/{request.pk + 100}/").status_code == 404
    other = FeedbackRequest.objects.get(review=review, respondent=org.outsider)
    assert web(org.peer).get(f"/reviews/requests/{other.pk}/").status_code == 404
    assert web(org.manager).post(f"{url}/answers/", {}).status_code == 403
    assert web(org.manager).post(f"{url}/transitions/decline/", {"reason": "no"}).status_code == 403
    declined = web(org.peer).post(f"{url}/transitions/decline/", {"reason": ""})
    assert declined.status_code == 400 and "Give a reason" in declined.content.decode()
    assert web(org.peer).post(f"{url}/transitions/decline/", {"reason": "On leave"}).status_code == 302
    assert web(org.peer).post(f"{url}/answers/", {"submit": "1"}).status_code == 409
    assert web(org.peer).post(f"{url}/transitions/decline/", {"reason": "again"}).status_code == 409


def test_get_only_and_post_only_pages_refuse_other_methods(org, web, review):
    employee = web(org.employee)
    assert employee.post(f"/reviews/{review.pk}/").status_code == 405
    assert employee.get(f"/reviews/{review.pk}/self-review/").status_code == 405
    assert employee.post("/reviews/tasks/").status_code == 405


@pytest.mark.parametrize("path", [
    "{review}/self-review/", "{review}/manager-review/", "{review}/respondents/",
    "{review}/transitions/approve_respondents/", "requests/{request}/answers/",
    "requests/{request}/transitions/decline/",
])
def test_mutating_pages_refuse_get(org, web, cycle, path):
    review = walk(org, cycle, "respondents_approved")
    request = FeedbackRequest.objects.get(review=review, respondent=org.peer)
    url = f"/reviews/{path.format(review=review.pk, request=request.pk)}"
    assert web(org.peer).get(url).status_code == 405
    assert web(org.manager).put(url).status_code == 405


@pytest.mark.parametrize("path", ["", "answers/", "transitions/decline/", "transitions/cancel/"])
def test_people_who_may_not_see_a_request_get_404(org, web, cycle, path):
    review = walk(org, cycle, "respondents_approved")
    request = FeedbackRequest.objects.get(review=review, respondent=org.peer)
    method = "get" if not path else "post"
    # The outsider answers a request of the same review, but may not see the peer's.
    response = getattr(web(org.outsider), method)(f"/reviews/requests/{request.pk}/{path}", {"reason": "x"})
    assert response.status_code == 404
    assert FeedbackRequest.objects.get(pk=request.pk).state == "approved"
