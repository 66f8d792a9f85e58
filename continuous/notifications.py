"""What praise, feedback and asks send, through the one notification path (``notifications.services``).

| when | to | key |
|---|---|---|
| a praise is given | each recipient | ``praise:<id>`` |
| feedback shared with the person | the person | ``feedback:<id>`` |
| feedback private to the manager | the person's manager (not its author) | ``feedback:<id>:manager`` |
| an answer to an ask the asker may read | the asker | ``ask:<id>:answer:<feedback id>`` |
| an ask is made | each respondent | ``ask:<id>`` |
| ``FEEDBACK_ASK_REMINDER_DAYS`` (3) days after an ask, still unanswered | the respondent | ``reminder:ask:<id>`` |
| every ``nudge_weeks`` (6) weeks without feedback or praise to a direct report | the manager | ``nudge:feedback`` |

A message never carries feedback's text, only a praise's (every member reads praise) and an ask's question
(its respondent reads it). The reminder and the nudge fire on one day of their interval only, so the daily
run never repeats them; the unique key makes a second run of the same day send nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

import rules
from django.conf import settings
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from notifications.registry import reminder_source
from notifications.services import Message, notify_many
from people.models import Person

from .models import AskRespondent, Feedback, FeedbackSettings, Praise, PraiseRecipient

TEMPLATE = "continuous"
SUBJECTS = {
    "praise": gettext_noop("%(author)s praised you"),
    "feedback_shared": gettext_noop("%(author)s gave you feedback"),
    "feedback_manager": gettext_noop("New feedback about %(name)s"),
    "answered": gettext_noop("%(author)s answered your ask about %(name)s"),
    "ask": gettext_noop("%(asker)s asks for your feedback"),
    "ask_reminder": gettext_noop("Reminder: %(asker)s is waiting for your feedback"),
    "nudge": gettext_noop("Time for feedback: %(names)s"),
}


def _message(person_id: int, key: str, kind: str, **context) -> Message:
    return Message(person_id, key, SUBJECTS[kind], TEMPLATE, {"kind": kind, **context})


def praise_given(praise_id: int) -> None:
    """Tell each recipient, and queue the post to the company's channel (a task: never request work)."""
    praise = Praise.objects.select_related("author", "value").get(pk=praise_id)
    recipients = list(PraiseRecipient.objects.filter(praise_id=praise_id).values_list("person_id", flat=True))
    url = reverse("continuous:praise", args=[praise.pk])
    value = praise.value.names if praise.value else {}
    notify_many([_message(pk, f"praise:{praise.pk}", "praise", author=praise.author.full_name,
                          message=praise.message, value=value, url=url) for pk in recipients])
    current = FeedbackSettings.current()
    if current.channel and current.channel_webhook:
        from .tasks import post_praise

        post_praise.enqueue(praise.pk)


def feedback_given(feedback_id: int) -> None:
    feedback = Feedback.objects.select_related("author", "about__manager__user", "about__unit",
                                               "request__asker__user").get(pk=feedback_id)
    about, author = feedback.about, feedback.author.full_name
    url = reverse("continuous:feedback_detail", args=[feedback.pk])
    messages = []
    if feedback.shared:
        messages.append(_message(about.pk, f"feedback:{feedback.pk}", "feedback_shared", author=author, url=url))
    else:
        manager = about.manager
        if manager is not None and manager.active and manager.pk != feedback.author_id:
            messages.append(_message(manager.pk, f"feedback:{feedback.pk}:manager", "feedback_manager",
                                     author=author, name=about.full_name, url=url))
    ask = feedback.request
    told = {m.person_id for m in messages}
    if (ask is not None and ask.asker.active and ask.asker_id not in told
            and rules.has_perm("continuous.view_feedback", ask.asker.user, feedback)):
        messages.append(_message(ask.asker_id, f"ask:{ask.pk}:answer:{feedback.pk}", "answered", author=author,
                                 name=about.full_name, url=url))
    notify_many(messages)


def _ask_messages(rows: Iterable[AskRespondent], kind: str, key: str) -> list[Message]:
    out = []
    for row in rows:
        ask = row.ask
        url = reverse("continuous:ask_detail", args=[ask.pk])
        out.append(_message(row.person_id, key.format(ask=ask.pk), kind, asker=ask.asker.full_name,
                            name=ask.about.full_name, self_ask=ask.asker_id == ask.about_id,
                            question=ask.question, url=url))
    return out


def ask_made(ask_id: int) -> None:
    rows = AskRespondent.objects.filter(ask_id=ask_id).select_related("ask__asker", "ask__about")
    notify_many(_ask_messages(rows, "ask", "ask:{ask}"))


def _day_range(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


@reminder_source
def ask_reminders(today: dt.date) -> list[Message]:
    """Respondents who have not answered an ask made ``FEEDBACK_ASK_REMINDER_DAYS`` days ago (0: none)."""
    days = getattr(settings, "FEEDBACK_ASK_REMINDER_DAYS", 3)
    if days <= 0:
        return []
    start, end = _day_range(today - dt.timedelta(days=days))
    rows = AskRespondent.objects.filter(
        answered_at__isnull=True, ask__created_at__gte=start, ask__created_at__lt=end,
        person__state=Person.State.ACTIVE, ask__about__state=Person.State.ACTIVE,
    ).select_related("ask__asker", "ask__about")
    return _ask_messages(rows, "ask_reminder", "reminder:ask:{ask}")


@reminder_source
def feedback_nudges(today: dt.date) -> list[Message]:
    """Managers whose direct report has had no feedback nor praise from them for a multiple of the company's
    ``nudge_weeks``, counted from the last one, else from the report's hire date (no date: no nudge), so the
    reminder comes once per interval, never on two days running. One message per manager; three queries for
    the whole organisation."""
    weeks = FeedbackSettings.current().nudge_weeks
    if not weeks:
        return []
    interval = weeks * 7
    last: dict[int, dt.datetime] = dict(
        Feedback.objects.filter(author_id=F("about__manager_id")).values("about_id").annotate(
            last=Max("created_at")).values_list("about_id", "last"))
    for person_id, when in PraiseRecipient.objects.filter(praise__author_id=F("person__manager_id")).values(
            "person_id").annotate(last=Max("praise__created_at")).values_list("person_id", "last"):
        last[person_id] = max(when, last.get(person_id, when))
    due: dict[int, list[str]] = defaultdict(list)
    for pk, manager_id, name, hired in Person.objects.filter(
            state=Person.State.ACTIVE, manager__state=Person.State.ACTIVE).values_list(
            "pk", "manager_id", "full_name", "hire_date").order_by("full_name", "pk"):
        since = timezone.localtime(last[pk]).date() if pk in last else hired
        if since is None:
            continue
        gap = (today - since).days
        if gap > 0 and gap % interval == 0:
            due[manager_id].append(name)
    url = reverse("continuous:feedback")
    return [_message(manager_id, "nudge:feedback", "nudge", names=", ".join(names[:5]), more=max(0, len(names) - 5),
                     weeks=weeks, url=url) for manager_id, names in due.items()]

