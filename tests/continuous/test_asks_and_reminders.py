"""An ask end to end: the respondents told, the answer from the inbox, the asker told when they may read it;
the reminder three days on, sent once; a manager's ask about a report stays from the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from continuous.models import AskRespondent, Feedback, FeedbackAsk
from continuous.selectors import feedback_inbox
from notifications.models import Notification
from notifications.services import send_reminders

pytestmark = pytest.mark.django_db


def keys(person) -> list[str]:
    return sorted(Notification.objects.filter(person=person).values_list("key", flat=True).distinct())


def test_an_ask_is_answered_from_the_inbox_and_the_asker_told(org, api, web, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = api(org.employee).post("/api/feedback-asks/", {"respondents": [org.peer.pk, org.outsider.pk],
                                                                  "question": "How was my demo?"}, format="json")
    assert created.status_code == 201
    ask = FeedbackAsk.objects.get(pk=created.json()["id"])
    assert ask.about == org.employee
    assert f"ask:{ask.pk}" in keys(org.peer) and f"ask:{ask.pk}" in keys(org.outsider)

    inbox = web(org.peer).get(reverse("continuous:feedback")).content.decode()
    assert "How was my demo?" in inbox
    assert web(org.peer).get(reverse("continuous:ask_detail", args=[ask.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        answer = web(org.peer).post(reverse("continuous:ask_detail", args=[ask.pk]), {
            "text": "Clear and short", "visibility": "shared_with_person"})
    assert answer.status_code == 302
    feedback = Feedback.objects.get(request=ask, author=org.peer)
    assert AskRespondent.objects.get(ask=ask, person=org.peer).answered_at is not None
    assert f"ask:{ask.pk}:answer:{feedback.pk}" not in keys(org.employee)  # told once, as the shared feedback
    assert f"feedback:{feedback.pk}" in keys(org.employee)
    assert feedback_inbox(org.peer.user)["to_answer"] == []

    # A second answer to the same ask is refused; the asker sees who answered.
    again = api(org.peer).post("/api/feedback/", {"about": org.employee.pk, "text": "More", "request": ask.pk},
                               format="json")
    assert again.status_code == 400 and "request" in again.json()
    body = api(org.employee).get(f"/api/feedback-asks/{ask.pk}/").json()
    assert body["answered"] == [org.peer.pk] and body["answers"] == [feedback.pk]


def test_the_outsider_cannot_answer_an_ask_they_were_not_asked(org, world, api):
    response = api(org.outsider).post("/api/feedback/", {"about": org.employee.pk, "text": "x",
                                                          "request": world.ask.pk}, format="json")
    assert response.status_code == 400


def test_a_private_answer_reaches_the_manager_not_the_asking_employee(org, world, api,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(org.peer).post("/api/feedback/", {"about": org.employee.pk, "text": "Slow start",
                                                          "visibility": "private_to_manager",
                                                          "request": world.ask.pk}, format="json")
    pk = response.json()["id"]
    assert f"feedback:{pk}:manager" in keys(org.manager)
    assert not [k for k in keys(org.employee) if k.endswith(f":{pk}") or k == f"feedback:{pk}"]
    assert pk not in api(org.employee).get(f"/api/feedback-asks/{world.ask.pk}/").json()["answers"]
    assert api(org.employee).get(f"/api/feedback/{pk}/").status_code == 404


def test_a_managers_ask_about_a_report_is_not_the_reports(org, api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = api(org.manager).post("/api/feedback-asks/", {"about": org.employee.pk, "respondents": [
            org.peer.pk], "question": "How does Emil review code?"}, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api(org.employee).get(f"/api/feedback-asks/{pk}/").status_code == 404
    assert api(org.skip).get(f"/api/feedback-asks/{pk}/").status_code == 200
    refused = api(org.manager).post("/api/feedback-asks/", {"about": org.outsider.pk, "respondents": [
        org.peer.pk], "question": "?"}, format="json")
    assert refused.status_code == 400


def test_the_reminder_goes_on_the_third_day_once(org, world, settings):
    settings.FEEDBACK_ASK_REMINDER_DAYS = 3
    made = timezone.localdate(world.ask.created_at)
    key = f"reminder:ask:{world.ask.pk}"
    for day in range(0, 8):
        send_reminders(made + dt.timedelta(days=day))
        send_reminders(made + dt.timedelta(days=day))  # the same day's run twice
    assert Notification.objects.filter(person=org.peer, key=key).values("day").distinct().count() == 1
    assert Notification.objects.get(person=org.peer, key=key, channel="email").day == made + dt.timedelta(days=3)


def test_an_answered_ask_is_not_reminded(org, world, api, settings):
    api(org.peer).post("/api/feedback/", {"about": org.employee.pk, "text": "Good", "request": world.ask.pk},
                       format="json")
    send_reminders(timezone.localdate(world.ask.created_at) + dt.timedelta(days=3))
    assert not Notification.objects.filter(key=f"reminder:ask:{world.ask.pk}").exists()
