"""The nudge to a manager who has given a direct report no feedback nor praise for the company's weeks (sent
once per interval, off at 0), and the post of each praise to the channel HR names, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from continuous.models import FeedbackSettings, Praise
from continuous.services import feedback_create, praise_create
from notifications import webhooks
from notifications.models import Notification
from notifications.services import send_reminders

pytestmark = pytest.mark.django_db


def nudged(person) -> list[dt.date]:
    return sorted(set(Notification.objects.filter(person=person, key="nudge:feedback").values_list("day", flat=True)))


def test_a_manager_is_nudged_once_after_the_weeks_without_feedback(org):
    FeedbackSettings.objects.create(pk=1, nudge_weeks=6)
    feedback_create(by=org.manager.user, about=org.employee.pk, text="Good start", visibility="shared_with_person")
    feedback_create(by=org.manager.user, about=org.peer.pk, text="Good start", visibility="shared_with_person")
    given = timezone.localdate()
    for day in range(40, 46):
        send_reminders(given + dt.timedelta(days=day))
        send_reminders(given + dt.timedelta(days=day))
    assert nudged(org.manager) == [given + dt.timedelta(days=42)]
    [email] = Notification.objects.filter(person=org.manager, key="nudge:feedback", channel="email")
    assert "Emil Employee" in email.context["names"] and "Pia Peer" in email.context["names"]
    assert nudged(org.employee) == []


def test_feedback_or_praise_given_restarts_the_count(org, django_capture_on_commit_callbacks):
    FeedbackSettings.objects.create(pk=1, nudge_weeks=6)
    start = timezone.now() - dt.timedelta(days=42)
    feedback = feedback_create(by=org.manager.user, about=org.employee.pk, text="Old", visibility="shared_with_person")
    feedback.__class__.objects.filter(pk=feedback.pk).update(created_at=start)
    send_reminders(timezone.localdate())
    assert any("Emil" in n.context["names"] for n in Notification.objects.filter(person=org.manager,
                                                                                  key="nudge:feedback"))
    Notification.objects.all().delete()
    praise_create(by=org.manager.user, recipients=[org.employee.pk], message="Thanks")
    send_reminders(timezone.localdate())
    assert not any("Emil" in n.context["names"] for n in Notification.objects.filter(person=org.manager,
                                                                                      key="nudge:feedback"))


def test_the_company_may_turn_the_nudge_off(org):
    FeedbackSettings.objects.create(pk=1, nudge_weeks=0)
    feedback_create(by=org.manager.user, about=org.employee.pk, text="Good", visibility="shared_with_person")
    send_reminders(timezone.localdate() + dt.timedelta(days=42))
    assert nudged(org.manager) == []


def test_the_hr_settings_page_changes_the_weeks(org, web):
    response = web(org.hr_admin).post("/feedback/settings/", {"channel": "", "channel_webhook": "",
                                                              "channel_language": "en", "nudge_weeks": "4"})
    assert response.status_code in (200, 302)
    assert FeedbackSettings.current().nudge_weeks == 4
    assert web(org.manager).get("/feedback/settings/").status_code in (403, 404)


@pytest.fixture
def posted(monkeypatch):
    calls = []

    def fake(url, body):
        calls.append((url, body))
        return webhooks.Outcome(ok=True, retry=False)

    monkeypatch.setattr(webhooks, "post", fake)
    return calls


def test_each_praise_is_posted_to_the_channel_once(org, posted, django_capture_on_commit_callbacks, value):
    FeedbackSettings.objects.create(pk=1, channel="slack", channel_webhook="https://hooks.slack.com/services/T/B/x",
                                    channel_language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        praise = praise_create(by=org.peer.user, recipients=[org.employee.pk, org.manager.pk], message="Great launch",
                               value="ownership")
    from continuous import channel

    assert channel.post(praise.pk) == "skipped"  # a second run finds it claimed
    [(url, body)] = posted
    assert url.startswith("https://hooks.slack.com/")
    text = str(body)
    assert "Great launch" in text and "Emil Employee" in text and "Ответственность" in text
    assert Praise.objects.get(pk=praise.pk).channel_posted_at is not None


def test_no_channel_no_post(org, posted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        praise_create(by=org.peer.user, recipients=[org.employee.pk], message="Thanks")
    assert posted == []


def test_a_failing_channel_is_retried_a_bounded_number_of_times(org, monkeypatch, settings,
                                                                 django_capture_on_commit_callbacks):
    settings.CHAT_WEBHOOK_ATTEMPTS = 3
    calls = []
    monkeypatch.setattr(webhooks, "post", lambda url, body: calls.append(1) or webhooks.Outcome(
        ok=False, retry=True, error="503"))
    FeedbackSettings.objects.create(pk=1, channel="teams", channel_webhook="https://example.webhook.office.com/x")
    with django_capture_on_commit_callbacks(execute=True):
        praise = praise_create(by=org.peer.user, recipients=[org.employee.pk], message="Thanks")
    assert len(calls) == 3
    assert Praise.objects.get(pk=praise.pk).channel_failed_at is not None
