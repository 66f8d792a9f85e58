"""The conversation page's forms: times that make sense (never scheduled in the past, never held before its
time), refused alike by page and API with the message beside the time; development goals with a period."""

import re

import pytest
from django.urls import reverse

from okrs.models import DevelopmentGoal, Period
from reviews.models import Conversation
from tests.cycles.factories import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(api, org, cycle):
    review = walk(org, cycle, "released")
    response = api(org.manager).post("/api/conversations/", {"review": review.pk}, format="json")
    return Conversation.objects.get(pk=response.json()["id"])


def summary(html: str) -> str:
    return re.search(r'<div class="alert error error-summary".*?</div>', html, re.S).group(0)


def test_a_time_in_the_past_is_refused_alike_by_page_and_api_with_the_input_kept(org, web, api, conversation):
    page = web(org.manager).post(reverse("reviews:conversation_transition", args=[conversation.pk, "schedule"]),
                                 {"at": "2020-05-04T10:00", "duration_minutes": 30})
    answer = api(org.manager).post(f"/api/conversations/{conversation.pk}/transitions/schedule/",
                                   {"at": "2020-05-04T10:00:00+00:00"}, format="json")
    assert page.status_code == answer.status_code == 400
    [message] = answer.json()["at"]
    html = page.content.decode()
    assert message in summary(html) and 'href="#id_at"' in summary(html)
    assert 'value="2020-05-04T10:00"' in html and 'value="30"' in html
    assert Conversation.objects.get(pk=conversation.pk).state == "planned"


def test_a_conversation_is_not_held_before_its_time(org, web, api, conversation):
    assert api(org.manager).post(f"/api/conversations/{conversation.pk}/transitions/schedule/",
                                 {"at": "2030-03-01T10:00:00+00:00"}, format="json").status_code == 200
    answer = api(org.manager).post(f"/api/conversations/{conversation.pk}/transitions/hold/", {}, format="json")
    assert answer.status_code == 400 and "scheduled_at" in answer.json()
    page = web(org.manager).post(reverse("reviews:conversation_transition", args=[conversation.pk, "hold"]))
    assert page.status_code == 400
    html = page.content.decode()
    assert answer.json()["scheduled_at"][0] in html
    assert 'href="#id_at"' in summary(html) and not re.search(r">\s*scheduled_at\s*:", html)
    assert Conversation.objects.get(pk=conversation.pk).state == "scheduled"


def test_a_development_goal_with_a_period_is_added_from_the_conversation(org, web, api, conversation):
    api(org.manager).post(f"/api/conversations/{conversation.pk}/transitions/schedule/",
                          {"at": "2030-03-01T10:00:00+00:00"}, format="json")
    page = web(org.manager).get(reverse("reviews:conversation", args=[conversation.pk])).content.decode()
    offered = re.search(r'<select name="period"[^>]*>(.*?)</select>', page, re.S).group(1)
    period = Period.objects.get(pk=re.findall(r'<option value="(\d+)"', offered)[-1])  # a period to come
    url = reverse("reviews:conversation_goal", args=[conversation.pk])
    response = web(org.manager).post(url, {"title": "Lead the design review", "period": period.pk})
    assert response.status_code == 302
    assert DevelopmentGoal.objects.get(title="Lead the design review").period == period
    refused = web(org.manager).post(url, {"title": "", "period": period.pk, "due_date": "someday"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'href="#id_title"' in summary(html) and 'href="#id_due_date"' in summary(html)
    assert f'<option value="{period.pk}" selected>' in html and 'value="someday"' in html
