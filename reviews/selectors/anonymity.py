"""What a reader may learn of a review's feedback: the mode they read it in (named, anonymous or not at
all), the groups and score they see, and the one masking rule for request states. Every channel — pages, API,
exports, PDFs — asks these functions; none decides anonymity on its own.
"""

from __future__ import annotations

import random
from typing import Any

from cycles.models import ReviewCycle
from people.roles import roles_of

from ..content import feedback_groups, weighted_score
from ..models import FeedbackRequest, Review
from ..rules import is_above_reviewee, is_partner_of_reviewee, is_respondent, is_review_manager, is_reviewee


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


def review_feedback(review: Review, mode: str) -> dict[str, Any]:
    submitted = [r for r in review._requests if r.state == FeedbackRequest.State.SUBMITTED]
    threshold = review.cycle.anonymity_threshold if mode == "anonymous" else None
    groups = feedback_groups(submitted, review.cycle.template.questions.all(), named=mode == "named",
                             threshold=threshold)
    if mode == "anonymous":
        # Comments in the order the requests were made would line up with the respondent list; shuffled,
        # seeded by the review so every channel and every reload shows the same order.
        for group in groups:
            random.Random(f"{review.pk}:{group['group']}").shuffle(group["comments"])  # noqa: S311
    return {"groups": groups, "score": weighted_score(groups, review.cycle.group_weights or {})}


def request_state_for(request: FeedbackRequest, user) -> str:
    """The request's state as ``user`` may know it.

    Unless feedback is named, the reviewee learns that a request went out, not whether that respondent
    answered or declined: knowing who answered would undo the anonymity of the answers. Such requests read
    as ``approved`` to them.
    """
    if (
        request.state in (FeedbackRequest.State.SUBMITTED, FeedbackRequest.State.DECLINED)
        and request.review.cycle.anonymity != ReviewCycle.Anonymity.NAMED
        and is_reviewee.test(user, request.review)
    ):
        return FeedbackRequest.State.APPROVED
    return request.state


def request_answers_visible(request: FeedbackRequest, user) -> bool:
    """The respondent, and whoever reads the review's feedback with names (never the reviewee)."""
    if is_respondent.test(user, request):
        return True
    return feedback_mode(request.review, user) == "named" and not is_reviewee.test(user, request.review)
