"""The released results as the employee reads them: the outcome first (final rating on its scale, the calibration's
reason), respondents in plain words without undoing anonymity, the agreed actions wherever the employee looks, and
one acknowledgement."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cycles.models import ReviewCycle
from reviews.models import Conversation, FeedbackRequest, Review
from tests.cycles.factories import walk
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def released(org, cycle):
    return walk(org, cycle, "released")  # calibrated from the manager's 3 to a 4 with the reason "calibrated"


def _page(web, person, review) -> str:
    return web(person).get(reverse("reviews:review", args=[review.pk])).content.decode()


def _held(org, review, actions=("Pair with the platform team",)) -> Conversation:
    conversation = run_transition(Conversation.objects.create(review=review, created_by=org.manager), "schedule",
                                  by=org.manager.user, at="2030-03-01T10:00:00+00:00")
    Conversation.objects.filter(pk=conversation.pk).update(scheduled_at=timezone.now() - dt.timedelta(hours=1))
    conversation.refresh_from_db()
    return run_transition(conversation, "hold", by=org.manager.user, notes="Talked", actions=list(actions))


def test_the_results_open_with_the_final_rating_on_its_scale_and_the_calibration_reason(web, org, released):
    page = _page(web, org.employee, released)
    levels = list(released.cycle.final_scale.levels.all())
    outcome = page[page.index('id="outcome"'):page.index('id="goals-title"')]
    assert page.index('id="outcome"') < page.index('id="self-review"')  # before the rest
    assert all(level.label in outcome for level in levels)  # every level of the scale
    assert outcome.count('class="current"') == 1
    current = outcome[outcome.index('class="current"'):]
    assert next(lv.label for lv in levels if lv.value == 4) in current[:current.index("</li>")]
    assert released.cycle.final_scale.name in outcome
    assert "Changed in calibration" in outcome and "calibrated" in outcome
    assert next(lv.label for lv in levels if lv.value == 3) in outcome  # what the manager proposed


def test_no_outcome_before_release(web, org, cycle):
    review = walk(org, cycle, "calibrated")
    assert 'id="outcome"' not in _page(web, org.employee, review)


def test_under_anonymity_the_employee_reads_asked_and_never_who_answered(web, org, released):
    assert released.cycle.anonymity == ReviewCycle.Anonymity.ANONYMOUS
    assert set(FeedbackRequest.objects.filter(review=released).values_list("state", flat=True)) == {"submitted"}
    mine = _page(web, org.employee, released)
    respondents = mine[mine.index('id="respondents"'):mine.index("</table>", mine.index('id="respondents"'))]
    assert "Asked" in respondents and "Answered" not in respondents and "Approved" not in respondents
    assert "you see who was asked, never who answered" in mine
    request = FeedbackRequest.objects.filter(review=released).first()
    own_request_page = web(org.employee).get(reverse("reviews:request", args=[request.pk])).content.decode()
    assert "Answered" not in own_request_page and "Asked" in own_request_page
    managers = _page(web, org.manager, released)
    assert "Answered" in managers and reverse("reviews:request", args=[request.pk]) in managers


def test_named_feedback_tells_the_employee_who_answered(web, org, cycle):
    ReviewCycle.objects.filter(pk=cycle.pk).update(anonymity=ReviewCycle.Anonymity.NAMED)
    review = walk(org, cycle, "released")
    page = _page(web, org.employee, review)
    assert "Answered" in page and "you see who was asked" not in page


def test_the_agreed_actions_reach_the_employees_conversation_and_review_pages(web, org, released):
    conversation = _held(org, released)
    client = web(org.employee)
    assert "Pair with the platform team" in client.get(reverse("reviews:conversation", args=[conversation.pk])
                                                       ).content.decode()
    assert "Pair with the platform team" in _page(web, org.employee, released)


def test_without_a_conversation_the_one_button_acknowledges_the_review(web, org, released):
    page = _page(web, org.employee, released)
    assert page.count("Acknowledge the results") == 1
    assert reverse("reviews:transition", args=[released.pk, "acknowledge"]) in page
    response = web(org.employee).post(reverse("reviews:transition", args=[released.pk, "acknowledge"]))
    assert response.status_code == 302
    assert Review.objects.get(pk=released.pk).state == Review.State.ACKNOWLEDGED
    assert "You acknowledged these results." in _page(web, org.employee, released)


def test_with_a_conversation_not_yet_held_there_is_nothing_to_acknowledge_yet(web, org, released):
    Conversation.objects.create(review=released, created_by=org.manager)
    page = _page(web, org.employee, released)
    assert "Acknowledge the results" not in page
    assert "once your results conversation has been held" in page


def test_once_held_the_one_button_is_the_conversations_and_acknowledges_both(web, org, released):
    conversation = _held(org, released)
    review_page = _page(web, org.employee, released)
    assert review_page.count("Acknowledge the results") == 1
    assert reverse("reviews:conversation_transition", args=[conversation.pk, "acknowledge"]) in review_page
    assert reverse("reviews:transition", args=[released.pk, "acknowledge"]) not in review_page
    client = web(org.employee)
    conversation_page = client.get(reverse("reviews:conversation", args=[conversation.pk])).content.decode()
    assert conversation_page.count("Acknowledge the results") == 1
    response = client.post(reverse("reviews:conversation_transition", args=[conversation.pk, "acknowledge"]))
    assert response.status_code == 302
    assert Review.objects.get(pk=released.pk).state == Review.State.ACKNOWLEDGED
    conversation.refresh_from_db()
    assert conversation.employee_acknowledged_at is not None
    assert "Acknowledge the results" not in _page(web, org.employee, released)


def test_both_acknowledgements_still_work_through_the_api(api, org, released):
    conversation = _held(org, released)
    client = api(org.employee)
    assert client.post(f"/api/reviews/{released.pk}/transitions/acknowledge/").status_code == 200
    response = client.post(f"/api/conversations/{conversation.pk}/transitions/acknowledge/")
    assert response.status_code == 200, response.content
    assert response.json()["employee_acknowledged_at"] is not None
