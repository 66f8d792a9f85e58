"""What the review cycle emails, and when: a message when a task arrives, reminders before and after its
deadline. Everything goes through ``notifications.services`` (the one notification path); this module
only says who gets which message. Loaded from ``settings.NOTIFICATION_RECEIVERS``.

Arrivals (after the transition commits, set-based for phase moves):
- the cycle opens the self-review, or a joiner is carried into it → each participant now in self_review;
- a self-review is submitted → the review's manager (approve the respondent list);
- a feedback request is approved (one, or the whole list) → the respondent;
- the cycle opens the manager review, or a list is approved (or a joiner carried) in that phase → the
  review's manager.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_noop
from django_tasks import task as background_task

from common.signals import transition_committed
from cycles.models import ReviewCycle
from notifications.registry import reminder_source
from notifications.services import Message, notify, notify_many

from .models import Conversation, FeedbackRequest, Review
from .selectors.tasks import TASK_PHASE, task_row, tasks_due

logger = logging.getLogger(__name__)


_deferred_receivers: dict[str, Any] = {}


@background_task()
def run_deferred_receiver(name: str, sender: str, transition: str, object_ids: list[int], reason: str = "") -> None:
    """The body of a receiver, in a background worker (see ``_deferred``)."""
    func = _deferred_receivers[name]
    try:
        func(apps.get_model(sender), transition=transition, object_ids=object_ids, reason=reason)
    except Exception:
        logger.exception("notifications: %s failed", name)


def _deferred(receiver_func):
    """A receiver runs after the transition committed, as a background task: a phase move touches thousands
    of reviews, far too many messages to build inside the request. A failure to queue is logged, never
    raised into the step that made the change."""
    _deferred_receivers[receiver_func.__name__] = receiver_func

    @functools.wraps(receiver_func)
    def wrapper(sender, transition: str, object_ids=(), reason: str = "", **kwargs):
        try:
            run_deferred_receiver.enqueue(receiver_func.__name__, sender._meta.label, transition, list(object_ids),
                                          str(reason or ""))
        except Exception:
            logger.exception("notifications: could not queue %s", receiver_func.__name__)

    return wrapper


MANAGER_PHASES = (ReviewCycle.State.MANAGER_REVIEW, ReviewCycle.State.CALIBRATION, ReviewCycle.State.CONVERSATIONS)

SUBJECTS = {
    "write_self_review": gettext_noop("Your self-review for %(cycle)s is open"),
    "approve_respondents": gettext_noop("%(name)s submitted a self-review: check it and approve the respondents"),
    "give_feedback": gettext_noop("Feedback requested: %(name)s"),
    "write_manager_review": gettext_noop("Manager review due: %(name)s"),
    "returned": gettext_noop("Your review for %(cycle)s was returned to you: %(reason)s"),
    "released": gettext_noop("Your results for %(cycle)s are ready"),
}
REMINDER_SUBJECT = gettext_noop("Reminder: %(cycle)s, due %(deadline)s")
OVERDUE_SUBJECT = gettext_noop("Overdue: %(cycle)s, was due %(deadline)s")


def _context(kind: str, cycle: ReviewCycle, person, *, review_id=None, request_id=None, deadline=None) -> dict:
    url = reverse("reviews:request", args=[request_id]) if request_id else reverse("reviews:review", args=[review_id])
    return {"kind": kind, "cycle": cycle.name, "name": person.full_name, "url": url,
            "deadline": deadline or (task_row(kind, cycle, review=None, person=None)["deadline"]
                                     if kind in TASK_PHASE else "") or ""}


def _review_messages(reviews: Iterable[Review], kind: str, *, to_manager: bool, reason: str = "",
                     key: str = "") -> list[Message]:
    messages = []
    for review in reviews:
        recipient = review.manager_id if to_manager else review.person_id
        if recipient is None:
            continue
        context = _context(kind, review.cycle, review.person, review_id=review.pk)
        if reason:
            context["reason"] = reason
        messages.append(Message(recipient, f"review:{review.pk}:{key or kind}", SUBJECTS[kind], "task", context))
    return messages


def _reviews(**filters: Any):
    return Review.objects.filter(**filters).select_related("cycle", "person").order_by("pk")


@receiver(transition_committed, sender=ReviewCycle, dispatch_uid="reviews_notify_cycle")
@_deferred
def cycle_moved(sender, transition: str, object_ids=(), **kwargs) -> None:  # noqa: ARG001
    # Reviews already waiting for their manager did not move with the phase: they are told here.
    if transition == "open_manager_review":
        reviews = _reviews(cycle_id__in=list(object_ids), state=Review.State.RESPONDENTS_APPROVED)
        notify_many(_review_messages(reviews, "write_manager_review", to_manager=True))


@receiver(transition_committed, sender=Review, dispatch_uid="reviews_notify_review")
@_deferred
def review_moved(sender, transition: str, object_ids=(), reason: str = "", **kwargs) -> None:
    ids = list(object_ids)
    if transition == "open_self_review":
        # The cycle's phase move, and joiners carried into a running cycle (both in bulk).
        notify_many(_review_messages(_reviews(pk__in=ids, state=Review.State.SELF_REVIEW), "write_self_review",
                                     to_manager=False))
    elif transition == "submit_self_review":
        notify_many(_review_messages(_reviews(pk__in=ids), "approve_respondents", to_manager=True))
    elif transition in ("approve_respondents", "skip_feedback"):
        # Late lists too: from the manager-review phase on, an approved list means a manager review to write.
        reviews = _reviews(pk__in=ids, state=Review.State.RESPONDENTS_APPROVED, cycle__state__in=MANAGER_PHASES)
        notify_many(_review_messages(reviews, "write_manager_review", to_manager=True))
    elif transition in ("return_self_review", "return_goals"):
        # The reason is what the employee needs: it is in the message and on their review page. A second
        # return the same day is a new message (the key carries the reason).
        notify_many(_review_messages(_reviews(pk__in=ids), "returned", to_manager=False, reason=reason,
                                     key="returned:" + hashlib.sha256(reason.encode()).hexdigest()[:12]))
    elif transition in ("release", "submit_manager_review"):
        notify_many(_review_messages(_reviews(pk__in=ids, state=Review.State.RELEASED), "released",
                                     to_manager=False))


@receiver(transition_committed, sender=FeedbackRequest, dispatch_uid="reviews_notify_request")
@_deferred
def request_moved(sender, transition: str, object_ids=(), **kwargs) -> None:
    if transition != "approve":
        return
    requests = FeedbackRequest.objects.filter(
        pk__in=list(object_ids), state=FeedbackRequest.State.APPROVED
    ).select_related("cycle", "review__person").order_by("pk")
    notify_many([
        Message(r.respondent_id, f"request:{r.pk}:give_feedback", SUBJECTS["give_feedback"], "task",
                _context("give_feedback", r.cycle, r.review.person, request_id=r.pk))
        for r in requests
    ])


@reminder_source
def review_reminders(today: datetime.date) -> list[Message]:
    """Open tasks due in REMINDER_DAYS_BEFORE days, and those whose deadline was REMINDER_DAYS_AFTER days ago."""
    before = getattr(settings, "REMINDER_DAYS_BEFORE", 2)
    after = getattr(settings, "REMINDER_DAYS_AFTER", 1)
    days = {today + datetime.timedelta(days=before)} if before > 0 else set()
    if after > 0:
        days.add(today - datetime.timedelta(days=after))
    messages = []
    for task in tasks_due(days):
        target = task["request"] or task["review"]
        overdue = task["deadline"] < today.isoformat()
        context = _context(task["kind"], task["cycle"], task["person"], review_id=task["review"] and task["review"].pk,
                           request_id=task["request"] and task["request"].pk, deadline=task["deadline"])
        context["overdue"] = overdue
        key = f"reminder:{'request' if task['request'] else 'review'}:{target.pk}:{task['kind']}"
        messages.append(Message(task["recipient_id"], key, OVERDUE_SUBJECT if overdue else REMINDER_SUBJECT,
                                "reminder", context))
    return messages


CONVERSATION_SUBJECT = gettext_noop("Results conversation with %(manager)s: %(at)s")


@receiver(transition_committed, sender=Conversation, dispatch_uid="reviews_notify_conversation")
@_deferred
def conversation_scheduled(sender, transition: str, object_ids=(), **kwargs) -> None:
    """The invite to the employee: the notification path sends text only, so the email carries the link to
    the .ics file (and the conversation page) rather than an attachment."""
    if transition != "schedule":
        return
    for conversation in Conversation.objects.filter(pk__in=list(object_ids)).select_related(
        "review__person", "review__manager", "review__cycle"
    ):
        review = conversation.review
        at = conversation.scheduled_at.strftime("%Y-%m-%d %H:%M %Z")
        # One key per time: a rescheduled conversation sends a new invite the same day.
        notify(person=review.person, key=f"conversation:{conversation.pk}:{at}", subject=CONVERSATION_SUBJECT,
               template="conversation", context={
                   "cycle": review.cycle.name, "manager": review.manager.full_name if review.manager else "",
                   "at": at, "url": reverse("reviews:conversation", args=[conversation.pk]),
                   "ics_url": reverse("reviews:conversation_invite", args=[conversation.pk]),
               })
