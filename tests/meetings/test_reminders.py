"""Meeting reminders: to every attendee, once, whichever run finds the meeting first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Meeting, Series
from meetings.notifications import meeting_reminders
from notifications.models import Notification
from notifications.services import send_reminders

from .conftest import meeting_at, series

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


def test_every_attendee_is_reminded_once(org, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://perf.example"
    now = timezone.now().replace(hour=6, minute=0)
    m = meeting_at(series(Series.Kind.WEEKLY_SYNC, unit=org.platform), now + 3 * HOUR, 1)

    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders(now=now) == 3
        assert meeting_reminders(now=now) == 0
        assert send_reminders(timezone.localtime(m.scheduled_at).date()) == 0

    assert sorted(message.to[0] for message in mail.outbox) == [
        "employee@example.com", "manager@example.com", "peer@example.com"]
    assert f"https://perf.example/meetings/{m.pk}/" in mail.outbox[0].body
    assert Notification.objects.filter(key=f"reminder:meeting:{m.pk}").count() == 3


def test_a_one_on_one_reminds_its_two_people_naming_the_other(org, django_capture_on_commit_callbacks):
    now = timezone.now().replace(hour=6, minute=0)
    meeting_at(series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee), now + 2 * HOUR, 1)

    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders(now=now) == 2
    by_person = {message.to[0]: message.subject for message in mail.outbox}
    assert "Emil Employee" in by_person["manager@example.com"] and "Mia Manager" in by_person["employee@example.com"]


def test_meetings_beyond_the_window_wait(org):
    now = timezone.now()
    meeting_at(series(Series.Kind.WEEKLY_SYNC, unit=org.platform), now + 30 * HOUR, 1)
    assert meeting_reminders(now=now, hours=24) == 0
    assert meeting_reminders(now=now, hours=48) == 3


def test_the_daily_run_reminds_of_the_days_meetings(org):
    today = timezone.localdate()
    when = timezone.make_aware(dt.datetime.combine(today, dt.time(23, 0)))
    meeting_at(series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee), when, 1)
    assert send_reminders(today) == 2


def test_the_plan_command_fills_the_calendar_and_reminds(org, capsys):
    series(Series.Kind.WEEKLY_SYNC, unit=org.platform, starts_on=timezone.localdate())
    call_command("meetings_plan", "--days", "14")
    assert Meeting.objects.count() >= 2
    assert "meetings added" in capsys.readouterr().out
