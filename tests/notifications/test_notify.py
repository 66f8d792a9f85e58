"""The one notification path: recorded once per person, key and day; sent in the recipient's language."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils.translation import gettext_noop

from notifications.models import Notification
from notifications.services import Message, notify, notify_many, send

pytestmark = pytest.mark.django_db

SUBJECT = gettext_noop("Feedback requested: %(name)s")


def test_it_sends_one_email_and_records_it(org, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://localhost:8000"
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(person=org.peer, key="request:1:give_feedback", subject=SUBJECT, template="task",
                      context={"kind": "give_feedback", "name": "Emil", "cycle": "Spring", "url": "/x/"})
    [message] = mail.outbox
    assert message.to == [org.peer.user.email]
    assert message.subject == "Feedback requested: Emil"
    assert "Emil" in message.body and "http://localhost:8000/x/" in message.body
    row = Notification.objects.get()
    assert row.sent_at is not None and row.subject == "Feedback requested: Emil"


def test_it_never_sends_twice_for_the_same_task_and_day(org, django_capture_on_commit_callbacks):
    context = {"kind": "give_feedback", "name": "Emil", "cycle": "Spring", "url": "/x/"}
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(person=org.peer, key="k", subject=SUBJECT, template="task", context=context)
        assert not notify(person=org.peer, key="k", subject=SUBJECT, template="task", context=context)
        assert notify_many([Message(org.peer.pk, "k", SUBJECT, "task", context)]) == 0
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(person=org.peer, key="k", subject=SUBJECT, template="task", context=context,
                      day=datetime.date(2031, 1, 2))
    assert len(mail.outbox) == 2


def test_a_claimed_row_is_not_sent_again(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(person=org.peer, key="k", subject=SUBJECT, template="task", context={"name": "E", "url": "/"})
    row = Notification.objects.get()
    assert send([row.pk]) == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("locale", "expected"), [("ru", "обратн"), ("zh-hans", "反馈")])
def test_it_writes_in_the_recipients_language(org, locale, expected, django_capture_on_commit_callbacks):
    org.peer.locale = locale
    org.peer.save(update_fields=["locale"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(person=org.peer, key="k", subject=SUBJECT, template="task",
               context={"kind": "give_feedback", "name": "Emil", "cycle": "Spring", "url": "/x/"})
    [message] = mail.outbox
    assert expected in message.subject.lower(), message.subject
    assert "Hello" not in message.body


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "tomorrow")
