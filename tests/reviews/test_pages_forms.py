"""Forms that help, on the review pages: a refused POST renders the same page again with the input kept,
each message beside its field under the label people read (never a field's key), the summary at the top
linking to the fields; required reasons are required, and the employee reads why their work came back."""

import re

import pytest
from django.urls import reverse

from reviews.models import FeedbackRequest, Review
from tests.cycles.factories import nominate, review_of, walk

pytestmark = pytest.mark.django_db

# A field's key as a prefix of a message ("answers: …", "reason: …"): what a page must never show.
RAW_KEY = re.compile(r">\s*(answers|reason|final_rating|respondent|group|goals|at|scheduled_at|__all__)\s*:")


def summary(html: str) -> str:
    """The error summary at the top of a refused page."""
    found = re.search(r'<div class="alert error error-summary"[^>]*id="refusal".*?</div>', html, re.S)
    assert found, "no error summary on the page"
    return found.group(0)


def assert_plain(html: str) -> None:
    block = summary(html)
    assert not RAW_KEY.search(block), block
    assert "autofocus" in block  # focus moves to the summary


def test_a_self_review_submitted_with_answers_missing_names_each_question_beside_it(org, web, cycle):
    review = walk(org, cycle, "self_review")
    questions = review.cycle.template.questions.filter(author="self", kind="text", required=True)
    first, *others = list(questions)
    prefix = f"a-{first.pk}--"
    response = web(org.employee).post(reverse("reviews:self_review", args=[review.pk]), {
        "version": review.version, f"{prefix}-text": "I shipped the mobile app", "submit": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert_plain(html)
    assert "I shipped the mobile app" in html  # the text typed is kept
    for question in others:
        # Linked from the summary by the question's own words, and said beside the question.
        assert f'href="#a-{question.pk}---text"' in summary(html)
        assert question.text in summary(html)
        assert f'id="a-{question.pk}---errors"' in html
    assert "Answer this question: it is required." in html
    assert Review.objects.get(pk=review.pk).state == "self_review"


def test_return_self_review_needs_a_reason_and_the_employee_reads_it(org, web, cycle):
    review = walk(org, cycle, "self_submitted")
    manager = web(org.manager)
    page = manager.get(reverse("reviews:review", args=[review.pk])).content.decode()
    field = re.search(r'<textarea name="reason" id="reason-return_self_review"[^>]*>', page).group(0)
    assert "required" in field and 'aria-required="true"' in field  # marked required
    url = reverse("reviews:transition", args=[review.pk, "return_self_review"])
    response = manager.post(url, {"reason": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    assert_plain(html)
    assert 'href="#reason-return_self_review"' in summary(html)
    assert 'id="reason-return_self_review-errors"' in html
    assert Review.objects.get(pk=review.pk).state == "self_submitted"

    assert manager.post(url, {"reason": "Add the figures of the launch"}).status_code == 302
    page = web(org.employee).get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "Add the figures of the launch" in page and "returned the self-review" in page
    # Once the employee submits again, the old reason is gone.
    from workflows.runner import run_transition
    run_transition(Review.objects.get(pk=review.pk), "submit_self_review", by=org.employee.user)
    assert "Add the figures of the launch" not in web(org.employee).get(
        reverse("reviews:review", args=[review.pk])).content.decode()


@pytest.mark.parametrize("name", ["reopen", "withdraw"])
def test_hr_corrections_need_a_reason_beside_the_field(org, web, cycle, name):
    review = walk(org, cycle, "self_submitted")
    response = web(org.hr_admin).post(reverse("reviews:transition", args=[review.pk, name]), {"reason": ""})
    assert response.status_code == 400
    assert_plain(response.content.decode())
    assert f'id="reason-{name}-errors"' in response.content.decode()
    assert Review.objects.get(pk=review.pk).state == "self_submitted"


def test_a_repeated_respondent_is_said_once_beside_the_search_with_the_choice_kept(org, web, cycle):
    review = walk(org, cycle, "self_review")
    nominate(review, org.peer)
    response = web(org.employee).post(reverse("reviews:nominate", args=[review.pk]),
                                      {"respondent": org.peer.pk, "group": "peer"})
    assert response.status_code == 400
    html = response.content.decode()
    assert_plain(html)
    message = f"{org.peer.full_name} is already a respondent of this review."
    # Once in the summary (linked to the search box), once beside the search box: never three times.
    assert html.count(message) == 2
    assert 'href="#respondent-q"' in summary(html)
    assert f'value="{org.peer.pk}" checked' in html
    assert FeedbackRequest.objects.filter(review=review).count() == 1


def test_nominating_without_choosing_anyone_asks_to_choose(org, web, cycle):
    review = walk(org, cycle, "self_review")
    response = web(org.employee).post(reverse("reviews:nominate", args=[review.pk]), {"group": "peer"})
    assert response.status_code == 400
    assert_plain(response.content.decode())
    assert "Find a colleague and choose them from the list." in response.content.decode()


def test_a_manager_review_without_a_rating_says_so_beside_the_rating(org, web, cycle):
    review = walk(org, cycle, "respondents_approved")
    for request in FeedbackRequest.objects.filter(review=review):
        request.delete()
    from tests.cycles.factories import advance
    advance(review.cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    review = review_of(review.cycle, org.employee)
    question = review.cycle.template.questions.filter(author="manager").first()
    response = web(org.manager).post(reverse("reviews:manager_review", args=[review.pk]), {
        "version": review.version, f"a-{question.pk}---text": "Strong quarter", "final_rating": "", "submit": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert_plain(html)
    assert 'href="#final-rating"' in summary(html) and 'id="final-rating-errors"' in html
    assert "Strong quarter" in html


def test_declining_without_a_reason_is_refused_beside_the_reason_with_the_text_kept(org, web, cycle):
    review = walk(org, cycle, "respondents_approved")
    request = FeedbackRequest.objects.get(review=review, respondent=org.peer)
    page = web(org.peer).get(reverse("reviews:request", args=[request.pk])).content.decode()
    assert 'aria-required="true"' in re.search(r'<textarea name="reason" id="decline-reason"[^>]*>', page).group(0)
    response = web(org.peer).post(reverse("reviews:request_transition", args=[request.pk, "decline"]), {"reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert_plain(html)
    assert 'href="#decline-reason"' in summary(html) and 'id="decline-reason-errors"' in html
    assert FeedbackRequest.objects.get(pk=request.pk).state == "approved"


def test_respondents_of_a_released_review_cannot_be_removed_and_the_page_does_not_offer_it(org, web, api, cycle):
    review = walk(org, cycle, "released")
    # A respondent who was asked and never answered: open, yet the results are out.
    request = FeedbackRequest.objects.create(review=review, respondent=org.skip, cycle=review.cycle, group="peer",
                                             state="approved")
    page = web(org.hr_admin).get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert reverse("reviews:request_transition", args=[request.pk, "cancel"]) not in page
    response = web(org.hr_admin).post(reverse("reviews:request_transition", args=[request.pk, "cancel"]))
    assert response.status_code == 409
    assert reverse("reviews:review", args=[review.pk]) in response.content.decode()  # a way back
    answer = api(org.hr_admin).post(f"/api/feedback-requests/{request.pk}/transitions/cancel/", format="json")
    assert answer.status_code == 409 and "released" in answer.json()["detail"]
    assert FeedbackRequest.objects.get(pk=request.pk).state == request.state


def test_the_employee_reads_the_return_in_the_same_queries_at_two_sizes(org, web):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reviews.test_queries import populate
    from workflows.runner import run_transition

    counts = []
    for size in (5, 40):
        boss, cycle = populate(org, size)
        review = Review.objects.filter(cycle=cycle).order_by("pk").first()
        run_transition(review, "return_self_review", by=boss.user, reason="Name the launch figures")
        client = web(review.person)
        client.get(reverse("reviews:review", args=[review.pk]))
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
        assert "Name the launch figures" in page
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 20, counts
