"""Slack and Teams webhooks: per-person channels, never twice, retries with backoff, 4xx fails for good."""

import pytest
from django.core import mail
from django.utils.translation import gettext_noop

from notifications import chat
from notifications.models import Notification, NotificationSettings
from notifications.services import Message, notify, notify_many
from notifications.webhooks import webhook_problem

from .receiver import Receiver

pytestmark = pytest.mark.django_db

SUBJECT = gettext_noop("Feedback requested: %(name)s")
CONTEXT = {"kind": "give_feedback", "name": "Emil", "cycle": "Spring", "url": "/reviews/requests/7/"}


@pytest.fixture(autouse=True)
def local_hooks(settings):
    settings.SITE_URL = "http://localhost:8000"
    settings.CHAT_WEBHOOK_HOSTS = ["127.0.0.1", "hooks.slack.com", "*.logic.azure.com"]
    settings.CHAT_WEBHOOK_ALLOW_HTTP = True
    settings.CHAT_WEBHOOK_TIMEOUT = 0.5
    settings.CHAT_WEBHOOK_ATTEMPTS = 3


def chat_for(person, **fields):
    return NotificationSettings.objects.create(person=person, **fields)


def send(person, key="request:7:give_feedback", capture=None, **kw):
    with capture(execute=True):
        return notify(person=person, key=key, subject=SUBJECT, template="task", context=CONTEXT, **kw)


def test_it_posts_slack_text_beside_the_email(org, django_capture_on_commit_callbacks):
    with Receiver() as hook:
        chat_for(org.peer, slack=True, slack_webhook=hook.url)
        assert send(org.peer, capture=django_capture_on_commit_callbacks)
    [request] = hook.requests
    assert request["json"]["text"].startswith("*Feedback requested: Emil*")
    assert "http://localhost:8000/reviews/requests/7/" in request["json"]["text"]
    assert request["headers"]["Content-Type"] == "application/json"
    assert len(mail.outbox) == 1
    rows = {r.channel: r for r in Notification.objects.all()}
    assert set(rows) == {"email", "slack"}
    assert rows["slack"].sent_at is not None and rows["slack"].attempts == 1 and rows["slack"].failed_at is None
    assert rows["slack"].subject == "Feedback requested: Emil"


def test_it_posts_an_adaptive_card_to_teams_and_no_email_when_email_is_off(org, django_capture_on_commit_callbacks):
    with Receiver(statuses=[202]) as hook:
        chat_for(org.peer, email=False, teams=True, teams_webhook=hook.url)
        send(org.peer, capture=django_capture_on_commit_callbacks)
    [request] = hook.requests
    [attachment] = request["json"]["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["body"][0]["text"] == "Feedback requested: Emil"
    assert card["actions"][0]["url"] == "http://localhost:8000/reviews/requests/7/"
    assert mail.outbox == []
    assert list(Notification.objects.values_list("channel", flat=True)) == ["teams"]


def test_it_never_posts_twice_for_the_same_task_and_day(org, django_capture_on_commit_callbacks):
    with Receiver() as hook:
        chat_for(org.peer, slack=True, slack_webhook=hook.url)
        assert send(org.peer, capture=django_capture_on_commit_callbacks)
        assert not send(org.peer, capture=django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            assert notify_many([Message(org.peer.pk, "request:7:give_feedback", SUBJECT, "task", CONTEXT)]) == 0
        # Delivering the same row again (a duplicate task run) posts nothing.
        row = Notification.objects.get(channel="slack")
        assert chat.deliver([row.pk]) == (0, [], 0)
    assert len(hook.requests) == 1


def test_it_retries_a_5xx_then_delivers(org, django_capture_on_commit_callbacks):
    with Receiver(statuses=[500, 503, 200]) as hook:
        chat_for(org.peer, email=False, slack=True, slack_webhook=hook.url)
        send(org.peer, capture=django_capture_on_commit_callbacks)
    assert len(hook.requests) == 3
    assert hook.requests[0]["json"] == hook.requests[2]["json"]
    row = Notification.objects.get()
    assert row.sent_at is not None and row.attempts == 3 and row.failed_at is None and row.last_error == ""


def test_it_retries_a_timeout(org, django_capture_on_commit_callbacks, settings):
    settings.CHAT_WEBHOOK_TIMEOUT = 0.2
    with Receiver(statuses=[200], delay=0.5) as hook:
        chat_for(org.peer, email=False, slack=True, slack_webhook=hook.url)
        send(org.peer, capture=django_capture_on_commit_callbacks)
    row = Notification.objects.get()
    assert len(hook.requests) == 3
    assert row.failed_at is not None and row.attempts == 3 and row.last_error.startswith("timeout")


def test_it_gives_up_after_the_last_attempt(org, django_capture_on_commit_callbacks):
    with Receiver(statuses=[500]) as hook:
        chat_for(org.peer, email=False, slack=True, slack_webhook=hook.url)
        send(org.peer, capture=django_capture_on_commit_callbacks)
    assert len(hook.requests) == 3
    row = Notification.objects.get()
    assert row.sent_at is None and row.failed_at is not None and row.attempts == 3
    assert row.last_error.startswith("HTTP 500")


def test_a_4xx_fails_at_once(org, django_capture_on_commit_callbacks):
    with Receiver(statuses=[404, 200]) as hook:
        chat_for(org.peer, email=False, teams=True, teams_webhook=hook.url)
        send(org.peer, capture=django_capture_on_commit_callbacks)
        row = Notification.objects.get()
        assert chat.deliver([row.pk]) == (0, [], 0)
    assert len(hook.requests) == 1
    row.refresh_from_db()
    assert row.failed_at is not None and row.attempts == 1 and row.last_error.startswith("HTTP 404")


def test_a_retry_waits_longer_each_time(settings):
    settings.CHAT_WEBHOOK_BACKOFF = 30
    assert [chat.backoff(n) for n in (1, 2, 3)] == [30, 60, 120]


def test_a_channel_turned_off_before_delivery_is_not_posted(org):
    with Receiver() as hook:
        prefs = chat_for(org.peer, email=False, slack=True, slack_webhook=hook.url)
        row = Notification.objects.create(person=org.peer, key="k", day="2031-01-02", channel="slack",
                                           template="task", subject=SUBJECT, context=CONTEXT)
        prefs.slack = False
        prefs.save()
        assert chat.deliver([row.pk]) == (0, [], 0)
    assert hook.requests == []
    row.refresh_from_db()
    assert row.failed_at is not None


def test_notifying_many_reads_preferences_once_per_batch(org, django_assert_max_num_queries):
    chat_for(org.peer, slack=True, slack_webhook="https://hooks.slack.com/services/T/B/x")
    people = [org.peer, org.employee, org.manager, org.skip, org.outsider]
    with django_assert_max_num_queries(6):
        assert notify_many([Message(p.pk, "k", SUBJECT, "task", CONTEXT) for p in people]) == 5
    assert Notification.objects.count() == 6


@pytest.mark.parametrize(("url", "ok"), [
    ("https://hooks.slack.com/services/T0/B0/xyz", True),
    ("https://prod-12.westeurope.logic.azure.com/workflows/abc", True),
    ("http://127.0.0.1:8080/hook", True),
    ("https://hooks.slack.com.evil.example/services", False),
    ("https://evil.example/hooks.slack.com", False),
    ("https://user:pw@hooks.slack.com/services/x", False),
    ("ftp://hooks.slack.com/x", False),
    ("https://10.0.0.1/hook", False),
    ("https://logic.azure.com/x", False),
    ("not a url", False),
])
def test_webhook_urls_are_limited_to_the_allowed_hosts(url, ok):
    assert (webhook_problem(url) is None) is ok


def test_plain_http_and_odd_ports_are_refused_unless_allowed(settings):
    settings.CHAT_WEBHOOK_ALLOW_HTTP = False
    assert webhook_problem("http://127.0.0.1:8080/hook") is not None
    assert webhook_problem("https://hooks.slack.com:8443/services/x") is not None
    assert webhook_problem("https://hooks.slack.com/services/x") is None


def test_the_settings_page_sends_a_test_message_on_each_channel(org, web, django_capture_on_commit_callbacks):
    with Receiver() as hook:
        chat_for(org.employee, slack=True, slack_webhook=hook.url)
        client = web(org.employee)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/notifications/settings/test/")
        assert response.status_code == 302
    [request] = hook.requests
    assert request["json"]["text"].startswith("*Perfcycle test message*")
    assert "/notifications/settings/" in request["json"]["text"]
    assert [m.subject for m in mail.outbox] == ["Perfcycle test message"]
    assert web(org.employee).get("/notifications/settings/test/").status_code == 405


def test_with_the_database_queue_a_retry_waits_for_its_backoff(org, settings):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from notifications.tasks import deliver_chat

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CHAT_WEBHOOK_BACKOFF = 60
    with Receiver(statuses=[502]) as hook:
        chat_for(org.peer, email=False, slack=True, slack_webhook=hook.url)
        row = Notification.objects.create(person=org.peer, key="k", day="2031-01-02", channel="slack",
                                           template="task", subject=SUBJECT, context=CONTEXT)
        started = timezone.now()
        assert deliver_chat.call([row.pk]) == 0
        finished = timezone.now()
    assert len(hook.requests) == 1
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "notifications.tasks.deliver_chat" and queued.args_kwargs["args"] == [[row.pk]]
    assert (queued.run_after - started).total_seconds() >= 60 >= (queued.run_after - finished).total_seconds()
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == 1 and row.last_error.startswith("HTTP 502")


def test_the_chat_button_speaks_the_recipients_language(org, django_capture_on_commit_callbacks):
    org.peer.locale = "ru"
    org.peer.save(update_fields=["locale"])
    with Receiver() as hook:
        chat_for(org.peer, email=False, slack=True, slack_webhook=hook.url)
        send(org.peer, capture=django_capture_on_commit_callbacks)
    [request] = hook.requests
    [button] = request["json"]["blocks"][-1]["elements"]
    assert button["text"]["text"] == "Открыть в Perfcycle"
    assert request["json"]["text"].startswith("*Запрос обратной связи: Emil*")
