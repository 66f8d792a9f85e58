"""What a reader may learn of a review's feedback: the mode they read it in (named, anonymous or not at
all), the groups and score they see, the one masking rule for request states (as a test for one request and
as a filter for lists), and who reads a request's answers and its decline reason. Every channel — pages,
API, exports, PDFs, the conversation agenda — asks these functions; none decides anonymity on its own.

From release on, feedback is read from the snapshot the release wrote (``FeedbackSnapshot``): what anyone
reads then is what was there at release, whatever arrives, changes or is withdrawn later.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.db.models import BooleanField, Case, CharField, F, Q, QuerySet, Value, When
from django.utils.crypto import salted_hmac

from cycles.models import ReviewCycle
from people.roles import roles_of

from ..content import feedback_groups, weighted_score
from ..models import FeedbackRequest, FeedbackSnapshot, Review
from ..rules import is_above_reviewee, is_partner_of_reviewee, is_respondent, is_review_manager, is_reviewee

S = FeedbackRequest.State


def feedback_mode(review: Review, user) -> str | None:
    """How ``user`` may read the review's feedback: ``named``, ``anonymous`` (groups above the threshold),
    or None. See reviews/README.md for the decision per anonymity mode."""
    anonymity = review.cycle.anonymity
    if is_reviewee.test(user, review):
        if not review.is_released or anonymity == ReviewCycle.Anonymity.MANAGER_ONLY:
            return None
        return "named" if anonymity == ReviewCycle.Anonymity.NAMED else "anonymous"
    if roles_of(user).hr_admin or is_partner_of_reviewee.test(user, review):
        return "named"
    if is_review_manager.test(user, review) or is_above_reviewee.test(user, review):
        return "anonymous" if anonymity == ReviewCycle.Anonymity.ANONYMOUS else "named"
    return None


def frozen_feedback(review: Review) -> FeedbackSnapshot | None:
    """The snapshot of a released review (joined by ``review_queryset``), None before release."""
    if not review.is_released:
        return None
    try:
        return review.feedback_snapshot
    except FeedbackSnapshot.DoesNotExist:
        return None


def _responses(review: Review) -> tuple[list[dict[str, Any]], str]:
    """The responses feedback is made of, and the secret that orders anonymous comments: the release's snapshot
    and seed; before release (the manager writing the review), the submitted requests as they stand, ordered by
    a key only the server holds."""
    requests = {r.pk: r for r in review._requests}
    snapshot = frozen_feedback(review)
    if snapshot is not None:
        rows, seed = snapshot.responses, snapshot.seed
    else:
        public = bool(review.public_goals)
        rows = [{"request": r.pk, "group": r.group, "respondent": r.respondent_id, "answers": r.answers or [],
                 "goals": public or bool(r.goals.all())} for r in review._requests if r.state == S.SUBMITTED]
        seed = salted_hmac("reviews.feedback-order", str(review.pk)).hexdigest()
    responses = []
    for row in rows:
        request = requests.get(row.get("request"))
        name = request.respondent.full_name if request is not None else ""
        responses.append({**row, "respondent": {"id": row.get("respondent"), "full_name": name}})
    return responses, seed


def review_feedback(review: Review, mode: str) -> dict[str, Any]:
    responses, seed = _responses(review)
    threshold = review.cycle.anonymity_threshold if mode == "anonymous" else None

    def order(group: str, comment: dict[str, Any]) -> str:
        # A keyed hash of the comment itself: the same order in every channel and on every reload, unrelated to
        # the respondent list, the requests' order or the questions' order.
        message = f"{group}\x1f{comment['question']}\x1f{comment['text']}".encode()
        return hmac.new(seed.encode(), message, hashlib.sha256).hexdigest()

    groups = feedback_groups(responses, review.cycle.template.questions.all(), named=mode == "named",
                             threshold=threshold, order=order)
    # Withheld groups carry no average, so the overall score never mixes one in.
    return {"groups": groups, "score": weighted_score(groups, review.cycle.group_weights or {})}


def threshold_warnings(review: Review) -> list[dict[str, Any]]:
    """Groups of an anonymous cycle's review whose nominated respondents (still asked or answered) are fewer than
    the threshold: that group will be withheld whatever they answer. From the loaded requests, no query."""
    cycle = review.cycle
    if cycle.anonymity != ReviewCycle.Anonymity.ANONYMOUS:
        return []
    counts: dict[str, int] = {}
    for request in review._requests:
        if request.state in FeedbackRequest.LIVE_STATES:
            counts[request.group] = counts.get(request.group, 0) + 1
    return [{"group": group, "nominated": n, "threshold": cycle.anonymity_threshold}
            for group, n in sorted(counts.items()) if n < cycle.anonymity_threshold]


# The one masking rule. Unless feedback is named, the reviewee learns that a request went out, not how it ended:
# answered, declined, or closed unanswered when HR skipped the step or the results came out (the unanswered
# ones would name, by elimination, those who answered). Such requests read as ``approved`` to them.
MASKED_STATES = (S.SUBMITTED, S.DECLINED)


def _masks_for(review: Review, user) -> bool:
    return review.cycle.anonymity != ReviewCycle.Anonymity.NAMED and is_reviewee.test(user, review)


def request_state_for(request: FeedbackRequest, user) -> str:
    """The request's state as ``user`` may know it (see MASKED_STATES)."""
    ended = request.state in MASKED_STATES or (request.state == S.CANCELLED and request.skipped)
    if ended and _masks_for(request.review, user):
        return S.APPROVED
    return request.state


def _masked_q(user) -> Q:
    """The requests whose state ``user`` reads as ``approved``: the same rule as ``request_state_for``, as SQL."""
    me = roles_of(user).person
    if me is None:
        return Q(pk__in=[])
    return (Q(review__person_id=me.pk) & ~Q(cycle__anonymity=ReviewCycle.Anonymity.NAMED)
            & (Q(state__in=MASKED_STATES) | Q(state=S.CANCELLED, skipped=True)))


def with_state_for(requests: QuerySet[FeedbackRequest], user) -> QuerySet[FeedbackRequest]:
    """``requests`` annotated with ``state_for``: the state ``user`` may know, to filter and count on."""
    return requests.annotate(state_for=Case(When(_masked_q(user), then=Value(S.APPROVED.value)),
                                            default=F("state"), output_field=CharField()))


def with_known_outcome(requests: QuerySet[FeedbackRequest], user) -> QuerySet[FeedbackRequest]:
    """``requests`` annotated with ``state_for`` and ``skipped_for``: the state and the "closed as skipped" mark
    ``user`` may know, to count on (a count of answered requests would say, as they come in, who answered)."""
    return with_state_for(requests, user).annotate(skipped_for=Case(
        When(_masked_q(user), then=Value(False)), default=F("skipped"), output_field=BooleanField()))


def request_answers_visible(request: FeedbackRequest, user) -> bool:
    """The respondent always reads their own answers, draft or sent. Anyone else only once they were sent
    (a draft is not feedback yet; a declined request's answers were never given), and only readers of the
    review's feedback with names — never the reviewee."""
    if is_respondent.test(user, request):
        return True
    return (request.state == S.SUBMITTED and not is_reviewee.test(user, request.review)
            and feedback_mode(request.review, user) == "named")


def decline_reason_visible(request: FeedbackRequest, user) -> bool:
    """Why a respondent declined: the respondent, HR (admin, the reviewee's HR partner) and, in named cycles
    only, the review's manager. Never the reviewee, never the chain above the manager."""
    if is_respondent.test(user, request):
        return True
    review = request.review
    if is_reviewee.test(user, review):
        return False
    if roles_of(user).hr_admin or is_partner_of_reviewee.test(user, review):
        return True
    return review.cycle.anonymity == ReviewCycle.Anonymity.NAMED and is_review_manager.test(user, review)
