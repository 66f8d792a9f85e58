"""Writes of feedback: giving it at any time (or as the answer to an ask) and asking named colleagues for it.

Whoever is active may give feedback about an active colleague; who reads it is its ``visibility`` (the
policy is ``continuous.rules``). An ask is about oneself, or by a manager (at any depth) about a report.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import AskRespondent, Feedback, FeedbackAsk
from ..notifications import ask_made, feedback_given
from .base import active_people, active_person, clean_text, me_or_refuse, person_id

MAX_RESPONDENTS = 10
QUESTION_LIMIT = 1000


def _ask_for(me, request: Any) -> AskRespondent | None:
    """The caller's open part of the ask ``request`` names (locked), or a 400 on ``request``."""
    if request in (None, ""):
        return None
    pk = request.pk if isinstance(request, FeedbackAsk) else person_id(request)
    row = (AskRespondent.objects.select_for_update().select_related("ask__about").filter(ask_id=pk, person_id=me.pk)
           .first() if pk else None)
    if row is None:
        raise ValidationError({"request": [_("No such ask for you to answer.")]})
    if row.answered_at is not None:
        raise ValidationError({"request": [_("You have answered this ask already.")]})
    return row


@transaction.atomic
def feedback_create(*, by, about: Any, text: Any, visibility: Any = Feedback.Visibility.PRIVATE_TO_MANAGER,
                    request: Any = None) -> Feedback:
    """Feedback about an active colleague, private to their manager or shared with them; with ``request``
    the answer to an ask the caller was asked (about the person the ask is about)."""
    me = me_or_refuse(by)
    if visibility not in Feedback.Visibility.values:
        raise ValidationError({"visibility": [_("Say who may read it: their manager only, or them too.")]})
    row = _ask_for(me, request)
    if row is not None and person_id(about) in (None, row.ask.about_id):
        about = row.ask.about
    subject = active_person(about, field="about")
    if subject.pk == me.pk:
        raise ValidationError({"about": [_("Feedback is about a colleague, not yourself.")]})
    if row is not None and row.ask.about_id != subject.pk:
        raise ValidationError({"about": [_("The answer to an ask is about the person it asks about.")]})
    feedback = Feedback.objects.create(author=me, about=subject, visibility=visibility,
                                       text=clean_text(text, field="text"), request=row.ask if row else None)
    if row is not None:
        AskRespondent.objects.filter(pk=row.pk).update(answered_at=feedback.created_at)
    transaction.on_commit(lambda: feedback_given(feedback.pk))
    return feedback


@transaction.atomic
def feedback_ask_create(*, by, about: Any, respondents: Iterable[Any], question: Any) -> FeedbackAsk:
    """Ask named colleagues one question about oneself, or (a manager) about a report."""
    me = me_or_refuse(by)
    subject = me if person_id(about) in (None, me.pk) else active_person(about, field="about")
    if subject.pk != me.pk and not rules.has_perm("continuous.ask_about", by, subject):
        raise ValidationError({"about": [_("Ask about yourself, or about someone who reports to you.")]})
    people = active_people(respondents, field="respondents", most=MAX_RESPONDENTS, exclude={me.pk, subject.pk},
                           refused=_("Leave yourself and the person it is about out of the list."))
    ask = FeedbackAsk.objects.create(asker=me, about=subject,
                                     question=clean_text(question, field="question", limit=QUESTION_LIMIT))
    AskRespondent.objects.bulk_create([AskRespondent(ask=ask, person=p) for p in people])
    transaction.on_commit(lambda: ask_made(ask.pk))
    return ask

