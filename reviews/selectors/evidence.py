"""A review's evidence: what happened to the person during the review's periods, as the reader may read it.

Praise they received (every member reads praise), feedback about them (``continuous``' policy: the
person reads only what was shared with them, their chain and HR read all of it), the reader's own notes
about them (never another author's), check-ins and changes of their key results (the goals' visibility),
and the agreed actions of their earlier results conversations (the conversations' visibility). Each item
is ``{"kind", "id", "date", "text", "source"}`` plus ``title`` and ``author``; six queries whatever the
size of the organisation or the number of items.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from continuous.selectors import feedback_about, notes_by, praise_received
from okrs.models import CheckIn, KeyResultAdjustment
from okrs.selectors import objective_visibility_q

from ..models import Review
from .conversations import conversations_visible_to

KINDS = ("praise", "feedback", "note", "check_in", "key_result_change", "conversation_actions")


def evidence_window(review: Review) -> tuple[dt.date, dt.date]:
    """The first and last day of the review's periods (the cycle's, prefetched by ``review_queryset``); a
    cycle without periods looks back half a year from its creation."""
    periods = list(review.cycle.periods.all())
    if periods:
        return min(p.start for p in periods), max(p.end for p in periods)
    end = timezone.localdate(review.cycle.created_at)
    return end - dt.timedelta(days=182), end


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    return start, timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _number(value) -> str:
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


def review_evidence(user, review: Review) -> list[dict[str, Any]]:
    """The items, oldest first (the reader's scope is checked per kind; the caller checked the review)."""
    first, last = evidence_window(review)
    start, end = _bounds(first, last)
    person = review.person
    items: list[dict[str, Any]] = []
    for praise in praise_received(person, start=start, end=end):
        items.append({"kind": "praise", "id": praise.pk, "date": _day(praise.created_at), "text": praise.message,
                      "source": reverse("continuous:praise", args=[praise.pk]), "author": praise.author.full_name,
                      "title": praise.value.name if praise.value else ""})
    for feedback in feedback_about(user, person, start=start, end=end):
        items.append({"kind": "feedback", "id": feedback.pk, "date": _day(feedback.created_at), "text": feedback.text,
                      "source": reverse("continuous:feedback_detail", args=[feedback.pk]),
                      "author": feedback.author.full_name,
                      "title": _("Shared with them") if feedback.shared else _("Private to their managers")})
    for note in notes_by(user, person, start=start, end=end):
        items.append({"kind": "note", "id": note.pk, "date": _day(note.created_at), "text": note.text,
                      "source": reverse("continuous:note", args=[note.pk]), "author": note.author.full_name,
                      "title": _("Your private note")})
    theirs = Q(key_result__owner_id=person.pk) | Q(key_result__objective__owner_id=person.pk)
    for check_in in CheckIn.objects.filter(objective_visibility_q(user, prefix="key_result__objective__"), theirs,
                                           created_at__gte=start, created_at__lt=end).select_related(
            "key_result", "author").order_by("created_at", "pk"):
        kr = check_in.key_result
        figure = f"{_number(check_in.value)} {kr.unit_label}".strip()
        text = _("%(figure)s, confidence %(confidence)s/10") % {"figure": figure, "confidence": check_in.confidence}
        items.append({"kind": "check_in", "id": check_in.pk, "date": _day(check_in.created_at),
                      "text": f"{text}. {check_in.note}" if check_in.note else text,
                      "source": reverse("okrs:key_result", args=[kr.pk]),
                      "author": check_in.author.full_name if check_in.author else "", "title": kr.title})
    for change in KeyResultAdjustment.objects.filter(
            objective_visibility_q(user, prefix="key_result__objective__"), theirs, at__gte=start,
            at__lt=end).select_related("key_result", "by").order_by("at", "pk"):
        fields = ", ".join(sorted(change.changes)) if isinstance(change.changes, dict) else ""
        items.append({"kind": "key_result_change", "id": change.pk, "date": _day(change.at),
                      "text": f"{change.reason} ({fields})" if fields else change.reason,
                      "source": reverse("okrs:key_result", args=[change.key_result_id]),
                      "author": change.by.full_name if change.by else "", "title": change.key_result.title})
    held = Q(held_at__gte=start, held_at__lt=end) | Q(held_at__isnull=True, scheduled_at__gte=start,
                                                       scheduled_at__lt=end)
    for conversation in conversations_visible_to(user).filter(held, review__person_id=person.pk).exclude(
            review_id=review.pk).select_related("review__cycle", "review__manager").order_by("pk"):
        if not conversation.actions:
            continue
        items.append({"kind": "conversation_actions", "id": conversation.pk,
                      "date": _day(conversation.held_at or conversation.scheduled_at),
                      "text": "\n".join(str(action) for action in conversation.actions),
                      "source": reverse("reviews:conversation", args=[conversation.pk]),
                      "author": conversation.review.manager.full_name if conversation.review.manager else "",
                      "title": conversation.review.cycle.name})
    items.sort(key=lambda item: (item["date"], KINDS.index(item["kind"]), item["id"]))
    return items
