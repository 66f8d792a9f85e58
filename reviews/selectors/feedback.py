"""Reads of feedback requests, scoped to the user asking: the respondent's own requests once they went out,
and the requests of every review the user may read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from common.access import fetch
from cycles.models import Question
from okrs.models import Objective
from people.roles import roles_of
from people.selectors import person_scope_q

from ..content import expand
from ..models import FeedbackRequest


def feedback_requests_visible_to(user) -> QuerySet[FeedbackRequest]:
    """Requests addressed to the user once they went out, and the requests of every review they may read."""
    roles = roles_of(user)
    if roles.hr_admin:
        return FeedbackRequest.objects.all()
    me = roles.person
    q = person_scope_q(user, prefix="review__person__")
    if me is not None:
        q |= Q(respondent_id=me.pk, state__in=FeedbackRequest.RESPONDENT_STATES)
    return FeedbackRequest.objects.filter(q)


def request_queryset(qs: QuerySet[FeedbackRequest] | None = None) -> QuerySet[FeedbackRequest]:
    qs = FeedbackRequest.objects.all() if qs is None else qs
    return qs.select_related(
        "review__person__unit", "review__person__user", "review__cycle__template", "respondent",
    ).prefetch_related(
        Prefetch("goals", queryset=Objective.objects.only("pk", "title")),
        Prefetch("review__cycle__template__questions",
                 queryset=Question.objects.select_related("scale").prefetch_related("scale__levels")),
    )


def attach_request_context(requests: Sequence[FeedbackRequest]) -> None:
    """The goals the reviewees made public, for all rows in one query."""
    ids = {g for r in requests for g in (r.review.public_goals or [])}
    titles = dict(Objective.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}
    for request in requests:
        request._public_goals = [
            Objective(pk=pk, title=titles[pk]) for pk in (request.review.public_goals or []) if pk in titles
        ]


def feedback_request_detail(user, request_id: Any) -> FeedbackRequest:
    request = fetch(request_queryset(feedback_requests_visible_to(user)), request_id,
                    message="No such feedback request.")
    attach_request_context([request])
    return request


def request_questions(request: FeedbackRequest) -> list[dict[str, Any]]:
    """The respondent's questions: goal questions for the named goals and the goals made public."""
    if not hasattr(request, "_public_goals"):
        attach_request_context([request])
    named = list(request.goals.all())
    seen = {g.pk for g in named}
    goals = named + [g for g in request._public_goals if g.pk not in seen]
    return expand(request.review.cycle.template.questions.all(), ("respondent",), goals=goals)
