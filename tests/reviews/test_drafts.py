"""Drafts are saved as people type; an older ``version`` answers 409 instead of overwriting."""

import pytest

from reviews.models import Review
from tests.cycles.factories import advance, review_of, self_answers, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(org, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    return review_of(cycle, org.employee)


def test_a_draft_is_saved_and_read_back_with_a_new_version(org, api, review):
    url = f"/api/reviews/{review.pk}/self-review/"
    first = api(org.employee).put(url, {"answers": self_answers(review, "first"), "version": 0}, format="json")
    assert first.status_code == 200
    assert first.json()["self_review"]["version"] == 1
    again = api(org.employee).put(url, {"answers": self_answers(review, "second")}, format="json")
    assert again.json()["self_review"]["version"] == 2
    stored = Review.objects.get(pk=review.pk)
    assert {a["text"] for a in stored.self_answers} == {"second"}
    assert stored.state == "self_review"  # saving is not submitting


def test_a_save_carrying_an_older_version_answers_409_and_keeps_the_newer_text(org, api, review):
    url = f"/api/reviews/{review.pk}/self-review/"
    api(org.employee).put(url, {"answers": self_answers(review, "tab one"), "version": 0}, format="json")
    stale = api(org.employee).put(url, {"answers": self_answers(review, "tab two"), "version": 0}, format="json")
    assert stale.status_code == 409
    body = stale.json()
    assert (body["detail"], body["state"], body["version"]) == ("changed elsewhere", "self_review", 1)
    assert {a["text"] for a in body["answers"]} == {"tab one"}  # what is stored, to merge with the unsaved text
    assert {a["text"] for a in Review.objects.get(pk=review.pk).self_answers} == {"tab one"}


@pytest.mark.parametrize("answers", [
    [{"question": 999999, "text": "x"}],
    [{"question": "first", "text": "x"}],
    "not a list",
])
def test_answers_to_questions_not_asked_are_refused(org, api, review, answers):
    response = api(org.employee).put(f"/api/reviews/{review.pk}/self-review/", {"answers": answers}, format="json")
    assert response.status_code == 400


def test_a_rating_off_the_scale_is_refused(org, api, cycle):
    review = walk(org, cycle, "respondents_approved")
    question = review.cycle.template.questions.get(author="manager")
    response = api(org.manager).put(f"/api/reviews/{review.pk}/manager-review/", {
        "answers": [{"question": question.pk, "text": "ok"}], "final_rating": 42}, format="json")
    assert response.status_code == 400
    assert "final_rating" in response.json()


def test_a_submitted_self_review_no_longer_saves(org, api, cycle):
    review = walk(org, cycle, "self_submitted")
    response = api(org.employee).put(f"/api/reviews/{review.pk}/self-review/", {"answers": []}, format="json")
    assert response.status_code == 409
    assert response.json()["state"] == "self_submitted"


def test_the_self_review_draft_is_the_employees_alone_until_submitted(org, api, review):
    api(org.employee).put(f"/api/reviews/{review.pk}/self-review/", {"answers": self_answers(review)}, format="json")
    assert "self_review" not in api(org.manager).get(f"/api/reviews/{review.pk}/").json()
    assert "self_review" in api(org.employee).get(f"/api/reviews/{review.pk}/").json()


def test_submitting_names_the_unanswered_required_questions(org, api, review):
    response = api(org.employee).post(f"/api/reviews/{review.pk}/transitions/submit_self_review/")
    assert response.status_code == 400
    assert "Answer: What went badly" in response.json()["answers"]
