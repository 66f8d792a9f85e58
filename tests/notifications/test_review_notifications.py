"""Emails of the review cycle: when a task arrives, and reminders before and after its deadline."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

import reviews.notifications
from notifications.models import Notification
from notifications.services import send_reminders
from reviews.models import FeedbackRequest
from reviews.services import review_self_save
from tests.cycles.factories import advance, nominate, review_of, self_answers
from tests.factories import PersonFactory
from workflows.participants import cycle_sync_participants
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the reminders as cron does: the queued emails go out when the run commits."""

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            send_reminders(day)

    return run


def to(person):
    return [m for m in mail.outbox if m.to == [person.user.email]]


def test_opening_the_self_review_emails_each_participant_once(org, cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    participants = [org.ceo, org.skip, org.manager, org.employee, org.peer, org.outsider, org.hr_partner, org.hr_admin]
    for person in participants:
        [message] = to(person)
        assert "self-review" in message.subject
        assert f"/reviews/{review_of(cycle, person).pk}/" in message.body
    assert len(mail.outbox) == len(participants)


def test_the_list_going_out_emails_each_respondent_and_submission_emails_the_manager(
    org, cycle, settings, django_capture_on_commit_callbacks
):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    nominate(review, org.peer, org.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        run_transition(review, "submit_self_review", by=org.employee.user)
    [message] = to(org.manager)
    assert org.employee.full_name in message.subject
    with django_capture_on_commit_callbacks(execute=True):
        run_transition(review_of(cycle, org.employee), "approve_respondents", by=org.manager.user)
    for person in (org.peer, org.outsider):
        [message] = to(person)
        request = FeedbackRequest.objects.get(review=review, respondent=person)
        assert message.subject == f"Feedback requested: {org.employee.full_name}"
        assert f"/reviews/requests/{request.pk}/" in message.body


def test_opening_the_manager_review_emails_the_managers(org, cycle, django_capture_on_commit_callbacks):
    advance(cycle, "launch", "open_self_review", "open_feedback", by=org.hr_admin)
    # Their lists are approved (here: the step closed by HR), so the manager reviews can be written.
    run_transition(cycle, "skip_unfinished", by=org.hr_admin.user, reason="no self-reviews this time",
                   step="self_review")
    run_transition(cycle, "skip_unfinished", by=org.hr_admin.user, reason="no respondents this time",
                   step="feedback")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(cycle, "open_manager_review", by=org.hr_admin)
    subjects = [m.subject for m in to(org.manager)]
    assert sorted(subjects) == sorted(f"Manager review due: {p.full_name}" for p in (org.employee, org.peer))


def test_reminders_go_out_n_days_before_and_the_day_after_only_once(
    org, cycle, settings, remind, django_capture_on_commit_callbacks
):
    settings.REMINDER_DAYS_BEFORE = 2
    settings.REMINDER_DAYS_AFTER = 1
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    deadline = datetime.date(2030, 1, 31)  # the self-review deadline of make_cycle
    mail.outbox.clear()
    for day in (deadline - datetime.timedelta(days=3), deadline, deadline + datetime.timedelta(days=2)):
        remind(day)
    assert mail.outbox == []

    remind(deadline - datetime.timedelta(days=2))
    [before] = to(org.employee)
    assert before.subject == "Reminder: Spring review, due 2030-01-31"
    count = len(mail.outbox)
    assert count == Notification.objects.count() == 8  # every participant's self-review
    remind(deadline - datetime.timedelta(days=2))  # cron ran twice
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "2030-01-29")
    assert len(mail.outbox) == count

    remind(deadline + datetime.timedelta(days=1))
    overdue = to(org.employee)[1]
    assert overdue.subject == "Overdue: Spring review, was due 2030-01-31"
    assert "still open" in overdue.body


def test_a_submitted_self_review_gets_no_reminder(org, cycle, remind):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    nominate(review, org.peer, org.outsider)
    run_transition(review, "submit_self_review", by=org.employee.user)
    remind(datetime.date(2030, 1, 29))
    assert to(org.employee) == []
    assert [m.subject for m in to(org.manager)].count("Reminder: Spring review, due 2030-01-31") == 2  # peer + list


def test_a_reminder_is_in_the_recipients_language(org, cycle, remind):
    org.employee.locale = "ru"
    org.employee.save(update_fields=["locale"])
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    remind(datetime.date(2030, 1, 29))
    [message] = to(org.employee)
    assert message.subject.startswith("Напоминание"), message.subject


def test_a_joiner_carried_into_the_self_review_is_told(org, cycle, django_capture_on_commit_callbacks):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    joiner = PersonFactory(unit=org.platform, manager=org.manager)
    with django_capture_on_commit_callbacks(execute=True):
        cycle_sync_participants(cycle, by=org.hr_admin.user)
    [message] = to(joiner)
    assert message.subject == "Your self-review for Spring review is open"
    assert to(org.employee) == []  # the others were told when the phase opened


def test_a_failure_to_queue_an_email_never_breaks_the_step(org, cycle, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr(reviews.notifications, "notify_many", broken)
    with django_capture_on_commit_callbacks(execute=True):
        cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    assert cycle.state == "self_review" and mail.outbox == []
