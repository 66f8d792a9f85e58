"""Adversarial: who answered, and what a respondent wrote before sending or declining, never reaches the
reviewee (unless feedback is named) or the manager chain — through the request pages, the request API and its
filters, or a withheld group's figures.

Each test plays the reader trying to learn it, from everything their channels show."""

import re

import pytest
from django.urls import reverse

from reviews.models import FeedbackRequest, Review
from reviews.services import feedback_answers_save, review_manager_save, review_self_save
from tests.cycles.factories import advance, make_cycle, nominate, respondent_answers, review_of, self_answers
from tests.documents.conftest import pdf_text
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

SECRET = "Ask me about the outage"


def _released(org, anonymity, *, answer=("peer", "outsider"), silent=("skip",), threshold=3):
    """The employee's review released in a cycle of ``anonymity``: every respondent in the peer group, those of
    ``answer`` answered, those of ``silent`` never did (their requests close as skipped at release)."""
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], anonymity=anonymity, anonymity_threshold=threshold,
                       min_respondents=1, max_respondents=4)
    cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    people = {name: getattr(org, name) for name in (*answer, *silent)}
    requests = dict(zip(people, nominate(review, *people.values()), strict=True))
    run_transition(review, "submit_self_review", by=org.employee.user)
    run_transition(review, "approve_respondents", by=org.manager.user)
    for name in answer:
        request = FeedbackRequest.objects.get(pk=requests[name].pk)
        feedback_answers_save(request=request, by=request.respondent.user, answers=respondent_answers(request))
        run_transition(FeedbackRequest.objects.get(pk=request.pk), "submit", by=request.respondent.user)
    cycle = advance(cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    manager_q = cycle.template.questions.get(author="manager")
    review_manager_save(review=review, by=org.manager.user, answers=[{"question": manager_q.pk, "text": "Solid"}],
                        final_rating=3, potential=2)
    run_transition(review, "submit_manager_review", by=org.manager.user)
    advance(cycle, "start_calibration", "release_results", by=org.hr_admin)
    return Review.objects.get(pk=review.pk), {k: FeedbackRequest.objects.get(pk=v.pk) for k, v in requests.items()}


def _badge(page: str) -> str:
    return re.search(r'class="badge state-([a-z_]+)"', page).group(1)


@pytest.mark.parametrize("anonymity", ["anonymous", "manager_only"])
def test_the_reviewee_cannot_tell_who_answered_from_any_request_channel(api, web, org, anonymity):
    review, requests = _released(org, anonymity)
    assert {r.state for r in requests.values()} == {"submitted", "cancelled"}  # the truth the reader is after
    client, browser = api(org.employee), web(org.employee)
    seen = {}
    for name, request in requests.items():
        detail = client.get(f"/api/feedback-requests/{request.pk}/").json()
        page = browser.get(reverse("reviews:request", args=[request.pk])).content.decode()
        seen[name] = (detail["state"], detail.get("answers"), _badge(page), "answers" in detail)
    assert len(set(seen.values())) == 1, seen  # answered and unanswered requests read alike
    listing = client.get(f"/api/feedback-requests/?review={review.pk}").json()
    rows = listing["results"] if isinstance(listing, dict) else listing
    assert {row["state"] for row in rows} == {"approved"}
    own = client.get(f"/api/reviews/{review.pk}/").json()
    assert {row["state"] for row in own["respondents"]} == {"approved"}
    page = browser.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "state-submitted" not in page and "state-cancelled" not in page and "state-declined" not in page


@pytest.mark.parametrize("anonymity", ["anonymous", "manager_only"])
def test_the_state_filter_answers_on_the_state_the_reviewee_may_know(api, org, anonymity):
    review, requests = _released(org, anonymity)
    client = api(org.employee)

    def ids(state):
        body = client.get(f"/api/feedback-requests/?review={review.pk}&state={state}").json()
        return {row["id"] for row in (body["results"] if isinstance(body, dict) else body)}

    for state in ("submitted", "cancelled", "declined"):
        assert ids(state) == set(), state  # filtering would otherwise sort answerers from the silent
    assert ids("approved") == {r.pk for r in requests.values()}


def test_a_withheld_group_shows_no_count_in_any_channel(api, web, org):
    # Two answered, threshold three: the group is withheld; "2 responses" would say who answered, by elimination.
    review, _requests = _released(org, "anonymous")
    data = api(org.employee).get(f"/api/reviews/{review.pk}/").json()
    [peer] = [g for g in data["feedback"] if g["group"] == "peer"]
    assert peer["responses"] is None and peer["average"] is None and peer["comments"] == []
    page = web(org.employee).get(reverse("reviews:review", args=[review.pk])).content.decode()
    pdf = pdf_text(api(org.employee).get(f"/api/reviews/{review.pk}/summary.pdf").content)
    for text in (page, pdf):
        assert "2 responses" not in text and "2 response" not in text
    manager = api(org.manager).get(f"/api/reviews/{review.pk}/").json()
    assert next(g for g in manager["feedback"] if g["group"] == "peer")["responses"] is None


def _in_feedback(org, anonymity):
    """The employee's review with the peer and the skip-level manager asked, the cycle in its feedback phase."""
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], anonymity=anonymity, min_respondents=1,
                       max_respondents=3, anonymity_threshold=1)
    cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    drafted, declined = nominate(review, org.peer, org.outsider)
    run_transition(review, "submit_self_review", by=org.employee.user)
    run_transition(review, "approve_respondents", by=org.manager.user)
    advance(cycle, "open_feedback", by=org.hr_admin)
    for request in (drafted, declined):
        request = FeedbackRequest.objects.get(pk=request.pk)
        feedback_answers_save(request=request, by=request.respondent.user,
                              answers=respondent_answers(request, text=SECRET))
    run_transition(FeedbackRequest.objects.get(pk=declined.pk), "decline", by=org.outsider.user,
                   reason="I clash with Emil")
    return review, FeedbackRequest.objects.get(pk=drafted.pk), FeedbackRequest.objects.get(pk=declined.pk)


@pytest.mark.parametrize("anonymity", ["named", "anonymous", "manager_only"])
def test_a_draft_and_a_declined_answer_never_reach_the_manager_chain(api, web, org, anonymity):
    review, drafted, declined = _in_feedback(org, anonymity)
    for reader in (org.manager, org.skip, org.ceo, org.employee):
        client, browser = api(reader), web(reader)
        for request in (drafted, declined):
            body = client.get(f"/api/feedback-requests/{request.pk}/")
            if body.status_code == 200:
                assert "answers" not in body.json() and SECRET not in body.content.decode(), reader
            page = browser.get(reverse("reviews:request", args=[request.pk]))
            assert SECRET not in page.content.decode(), reader
        detail = client.get(f"/api/reviews/{review.pk}/")
        assert SECRET not in detail.content.decode(), reader
        listing = client.get(f"/api/feedback-requests/?review={review.pk}")
        assert SECRET not in listing.content.decode(), reader
    # The respondent still reads their own draft.
    assert SECRET in api(org.peer).get(f"/api/feedback-requests/{drafted.pk}/").content.decode()


@pytest.mark.parametrize("anonymity", ["named", "anonymous", "manager_only"])
def test_a_decline_reason_reaches_neither_the_reviewee_nor_the_chain_above(api, web, org, anonymity):
    review, _drafted, declined = _in_feedback(org, anonymity)
    readers = [org.employee, org.skip, org.ceo] + ([] if anonymity == "named" else [org.manager])
    for reader in readers:
        for text in (api(reader).get(f"/api/feedback-requests/{declined.pk}/").content.decode(),
                     web(reader).get(reverse("reviews:request", args=[declined.pk])).content.decode(),
                     api(reader).get(f"/api/reviews/{review.pk}/").content.decode()):
            assert "I clash with Emil" not in text, (reader, anonymity)
    assert "I clash with Emil" in api(org.hr_admin).get(f"/api/feedback-requests/{declined.pk}/").content.decode()
