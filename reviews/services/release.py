"""Feedback frozen at release: the snapshot every channel reads once a review's results are out.

Called by the release itself (the cycle's ``release_results`` and one review's late ``release``, in
``workflows``), in the same transaction, after the requests still open were closed as skipped.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from common.bulk import bulk_insert

from ..models import FeedbackRequest, FeedbackSnapshot, Review

CHUNK = 2000  # reviews per insert: a released cycle of 10,000 people is five statements


@transaction.atomic
def feedback_snapshot_create(*, reviews: QuerySet[Review]) -> int:
    """Freeze the feedback of ``reviews`` (those without a snapshot yet): per ``CHUNK`` reviews, one read of their
    submitted requests and one insert. Returns how many were frozen.

    A review keeps its first snapshot: results are released once, and what the reviewee read then is what they
    read for good.
    """
    todo = list(reviews.exclude(Exists(FeedbackSnapshot.objects.filter(review_id=OuterRef("pk"))))
                .order_by("pk").values_list("pk", "public_goals"))
    for start in range(0, len(todo), CHUNK):
        _freeze(dict(todo[start:start + CHUNK]))
    return len(todo)


def _freeze(public_goals: dict[int, list]) -> None:
    asked_goals = FeedbackRequest.goals.through.objects.filter(feedbackrequest_id=OuterRef("pk"))
    responses: dict[int, list[dict]] = {pk: [] for pk in public_goals}
    rows = (FeedbackRequest.objects.filter(review_id__in=list(public_goals), state=FeedbackRequest.State.SUBMITTED)
            .annotate(named_goals=Exists(asked_goals)).order_by("review_id", "pk")
            .values_list("review_id", "pk", "group", "respondent_id", "named_goals", "answers"))
    for review_id, pk, group, respondent_id, named_goals, answers in rows:
        responses[review_id].append({
            "request": pk, "group": group, "respondent": respondent_id,
            # Goal questions were asked of them: goals named in the request, or goals the employee made public.
            "goals": bool(named_goals or public_goals[review_id]),
            "answers": [a for a in answers or [] if isinstance(a, dict)],
        })
    now = timezone.now()
    bulk_insert(FeedbackSnapshot, [
        {"review_id": pk, "seed": secrets.token_hex(32), "responses": found, "created_at": now}
        for pk, found in responses.items()
    ])
