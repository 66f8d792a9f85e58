"""Reads of feedback and asks, always scoped to the reader (the policy is ``continuous.rules``).

The inbox (``feedback_inbox``) is a fixed number of queries whatever the size of the organisation: the asks
waiting for the reader's answer, feedback shared with them, what they gave, their own asks with each
respondent's state and the answers they may read, and for a manager the latest feedback about the people
below them and when they last gave each direct report some.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from common.access import fetch
from people.models import Person

from ..models import AskRespondent, Feedback, FeedbackAsk, Praise
from ..rules import ask_visibility_q, feedback_visibility_q, me_of, oversees, respondent_ids

INBOX_LIMIT = 20
RESPONDENTS = Prefetch("respondent_rows", queryset=AskRespondent.objects.select_related("person").order_by(
    "person__full_name", "pk"))


def feedback_visible_to(user) -> QuerySet[Feedback]:
    return Feedback.objects.filter(feedback_visibility_q(user)).select_related(
        "author", "about__unit", "request__asker")


def feedback_detail(user, pk: Any) -> Feedback:
    return fetch(feedback_visible_to(user), pk)


def asks_visible_to(user) -> QuerySet[FeedbackAsk]:
    return FeedbackAsk.objects.filter(ask_visibility_q(user)).select_related(
        "asker", "about__unit").prefetch_related(RESPONDENTS)


def ask_detail(user, pk: Any) -> FeedbackAsk:
    ask = fetch(asks_visible_to(user), pk)
    attach_answers(user, [ask])
    return ask


def respondents_shown(user, ask: FeedbackAsk) -> list[AskRespondent]:
    """Who was asked and who answered: all of it for the asker and those above the person; a respondent who
    is nothing more reads only their own row."""
    rows = list(ask.respondent_rows.all())
    me = me_of(user)
    if me is not None and me.pk in respondent_ids(ask) and me.pk != ask.asker_id and not oversees(user, ask.about):
        return [row for row in rows if row.person_id == me.pk]
    return rows


def attach_answers(user, asks: list[FeedbackAsk]) -> None:
    """``answer_list``: the answers of each ask the reader may read (one query for all)."""
    by_ask: dict[int, list[Feedback]] = defaultdict(list)
    if asks:
        for feedback in feedback_visible_to(user).filter(request_id__in=[a.pk for a in asks]).order_by("created_at"):
            by_ask[feedback.request_id].append(feedback)
    for ask in asks:
        ask.answer_list = by_ask.get(ask.pk, [])


def team_pulse(me: Person) -> list[Person]:
    """Direct reports with ``last_given`` (one query): whom a manager has not given feedback lately."""
    return list(Person.objects.filter(manager_id=me.pk, state=Person.State.ACTIVE).annotate(
        last_feedback=Subquery(Feedback.objects.filter(author_id=me.pk, about_id=OuterRef("pk")).order_by(
            "-created_at").values("created_at")[:1]),
        last_praise=Subquery(Praise.objects.filter(author_id=me.pk, recipient_rows__person_id=OuterRef("pk"))
                             .order_by("-created_at").values("created_at")[:1]),
    ).select_related("unit").order_by("full_name", "pk"))


def feedback_inbox(user) -> dict[str, Any]:
    me = me_of(user)
    if me is None:
        return {"to_answer": [], "received": [], "given": [], "asks": [], "team": [], "about_team": []}
    to_answer = list(AskRespondent.objects.filter(person_id=me.pk, answered_at__isnull=True,
                                                  ask__about__state=Person.State.ACTIVE)
                     .select_related("ask__asker", "ask__about").order_by("-ask__created_at", "-pk")[:INBOX_LIMIT])
    visible = feedback_visible_to(user)
    received = list(visible.filter(about_id=me.pk, visibility=Feedback.Visibility.SHARED_WITH_PERSON)
                    .order_by("-created_at", "-pk")[:INBOX_LIMIT])
    given = list(visible.filter(author_id=me.pk).order_by("-created_at", "-pk")[:INBOX_LIMIT])
    asks = list(asks_visible_to(user).filter(asker_id=me.pk).order_by("-created_at", "-pk")[:INBOX_LIMIT])
    attach_answers(user, asks)
    for one in asks:
        rows = list(one.respondent_rows.all())
        one.asked_count, one.answered_count = len(rows), sum(1 for r in rows if r.answered_at is not None)
    team, about_team = [], []
    if me.lineage:
        about_team = list(visible.filter(about__lineage__startswith=me.lineage).exclude(about_id=me.pk).exclude(
            author_id=me.pk).order_by("-created_at", "-pk")[:INBOX_LIMIT])
        team = team_pulse(me)
        for person in team:
            dates = [d for d in (person.last_feedback, person.last_praise) if d is not None]
            person.last_given = max(dates) if dates else None
    return {"to_answer": to_answer, "received": received, "given": given, "asks": asks, "team": team,
            "about_team": about_team}


def feedback_about(user, person: Person, *, start, end) -> list[Feedback]:
    """Feedback about ``person`` between ``start`` and ``end`` that ``user`` may read, oldest first."""
    return list(feedback_visible_to(user).filter(about_id=person.pk, created_at__gte=start, created_at__lt=end)
                .order_by("created_at", "pk"))
