"""Adversarial: HR tries to undo a running cycle's anonymity once respondents have answered under it — switch it
to named, lower the threshold so a thin group shows, reweigh the groups — through the API and the edit page.
Each attempt is refused (400 beside the field on the API; the fields disabled on the page, a forged post
ignored), and the released results name no one and keep the thin group withheld."""

import pytest
from django.urls import reverse

from cycles.models import ReviewCycle
from reviews.models import FeedbackRequest, Review
from reviews.services import feedback_answers_save, review_manager_save, review_self_save
from tests.cycles.factories import advance, make_cycle, nominate, respondent_answers, review_of, self_answers
from tests.reviews.test_pages_walkthrough import cycle_form
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

ATTEMPTS = [{"anonymity": "named"}, {"anonymity_threshold": 1}, {"anonymity": "named", "anonymity_threshold": 1},
            {"group_weights": {"peer": 0, "customer": 5}}]


def _answered(org):
    """An anonymous cycle (threshold three) in its feedback phase; the peer and the outsider have answered."""
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], anonymity="anonymous", anonymity_threshold=3,
                       min_respondents=1, max_respondents=3)
    cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    requests = nominate(review, org.peer, org.outsider)
    run_transition(review, "submit_self_review", by=org.employee.user)
    run_transition(review, "approve_respondents", by=org.manager.user)
    cycle = advance(cycle, "open_feedback", by=org.hr_admin)
    for request in requests:
        request = FeedbackRequest.objects.get(pk=request.pk)
        feedback_answers_save(request=request, by=request.respondent.user,
                              answers=respondent_answers(request, text=f"Candid words of {request.respondent}"))
        run_transition(FeedbackRequest.objects.get(pk=request.pk), "submit", by=request.respondent.user)
    return cycle, review


def _release(org, cycle, review):
    cycle = advance(cycle, "open_manager_review", by=org.hr_admin)
    question = cycle.template.questions.get(author="manager")
    review = review_of(cycle, org.employee)
    review_manager_save(review=review, by=org.manager.user, answers=[{"question": question.pk, "text": "Ok"}],
                        final_rating=3, potential=2)
    run_transition(review, "submit_manager_review", by=org.manager.user)
    advance(cycle, "start_calibration", "release_results", by=org.hr_admin)
    return Review.objects.get(pk=review.pk)


def _nobody_named(api, web, org, review):
    for reader in (org.employee, org.manager, org.skip):
        data = api(reader).get(f"/api/reviews/{review.pk}/").json()
        [peer] = [g for g in data["feedback"] if g["group"] == "peer"]
        assert peer["withheld"] and peer["comments"] == [], reader
        page = web(reader).get(reverse("reviews:review", args=[review.pk])).content.decode()
        for text in (str(data), page):
            assert "Candid words" not in text, reader


@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_the_api_refuses_to_undo_the_anonymity_respondents_answered_under(api, web, org, attempt):
    cycle, review = _answered(org)
    response = api(org.hr_admin).patch(f"/api/cycles/{cycle.pk}/", attempt, format="json")
    assert response.status_code == 400
    assert set(response.json()) == set(attempt)  # each refusal beside its own field
    fresh = ReviewCycle.objects.get(pk=cycle.pk)
    assert (fresh.anonymity, fresh.anonymity_threshold, fresh.group_weights) == ("anonymous", 3, {})
    _nobody_named(api, web, org, _release(org, cycle, review))


def test_the_page_offers_no_way_to_undo_it_and_ignores_a_forged_post(api, web, org):
    cycle, review = _answered(org)
    hr = web(org.hr_admin)
    page = hr.get(reverse("cycles:edit", args=[cycle.pk])).content.decode()
    for name in ("anonymity", "anonymity_threshold", "weight_peer"):
        at = page.index(f'name="{name}"')
        assert "disabled" in page[page.rfind("<", 0, at):page.find(">", at)], name
    forged = cycle_form(org, name=cycle.name, anonymity="named", anonymity_threshold=1, weight_peer=0)
    hr.post(reverse("cycles:edit", args=[cycle.pk]), forged)
    fresh = ReviewCycle.objects.get(pk=cycle.pk)
    assert (fresh.anonymity, fresh.anonymity_threshold, fresh.weight("peer")) == ("anonymous", 3, 1.0)
    _nobody_named(api, web, org, _release(org, fresh, review))
