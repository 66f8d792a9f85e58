"""Feedback requests: nominating respondents (with the cycle's limits) and saving their answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import Conflict
from okrs.models import Objective
from people.models import Person, User

from ..content import clean_answers
from ..models import FeedbackRequest, Review
from ..selectors import request_questions, review_goal_ids
from .reviews import version_check

# Respondents may be named until the manager has written the review.
NOMINATION_STATES = (
    Review.State.GOALS_DRAFT, Review.State.GOALS_SUBMITTED, Review.State.GOALS_AGREED, Review.State.SELF_REVIEW,
    Review.State.SELF_SUBMITTED, Review.State.RESPONDENTS_APPROVED,
)


def respondent_limits_check(review: Review) -> None:
    """400 unless the review has between the cycle's minimum and maximum respondents (cancelled and
    declined requests do not count)."""
    cycle = review.cycle
    count = FeedbackRequest.objects.filter(review=review, state__in=FeedbackRequest.LIVE_STATES).count()
    if count < cycle.min_respondents:
        raise ValidationError(f"Name at least {cycle.min_respondents} respondents; this review has {count}.")
    if count > cycle.max_respondents:
        raise ValidationError(f"Name at most {cycle.max_respondents} respondents; this review has {count}.")


@transaction.atomic
def feedback_request_create(
    *, review: Review, respondent: Person, group: str, goals: list[Objective] | None = None, by: User,
) -> FeedbackRequest:
    """Name a respondent for a review (the reviewee or their manager), about some of the person's goals.

    Refused with a clear 400 when the review already has its maximum of respondents, when the
    respondent already has the cycle's maximum of open requests, or when the request repeats one.
    """
    goals = list(goals or [])
    cycle = review.cycle
    if review.state not in NOMINATION_STATES:
        raise Conflict("Respondents can no longer be named for this review.", review.state)
    if group not in FeedbackRequest.Group.values:
        raise ValidationError({"group": [f"Choose one of {', '.join(FeedbackRequest.Group.values)}."]})
    # Lock the review, then the respondent, so two nominations at once cannot both pass the review's
    # maximum or the respondent's load cap.
    state = Review.objects.select_for_update().filter(pk=review.pk).values_list("state", flat=True).first()
    if state not in NOMINATION_STATES:
        raise Conflict("Respondents can no longer be named for this review.", state or "")
    respondent = Person.objects.select_for_update().get(pk=respondent.pk)
    if respondent.pk == review.person_id:
        raise ValidationError({"respondent": ["A person cannot be their own respondent."]})
    if not respondent.active:
        raise ValidationError({"respondent": [f"{respondent.full_name} is no longer active."]})
    own_goals = review_goal_ids(review)
    foreign = [g.pk for g in goals if g.pk not in own_goals]
    if foreign:
        raise ValidationError({"goals": [f"Goals {foreign} are not this person's goals in the cycle."]})
    live = FeedbackRequest.objects.filter(review=review, state__in=FeedbackRequest.LIVE_STATES)
    if live.filter(respondent=respondent).exists():
        raise ValidationError({"respondent": [f"{respondent.full_name} is already a respondent of this review."]})
    if live.count() >= cycle.max_respondents:
        raise ValidationError(f"This review already has the maximum of {cycle.max_respondents} respondents.")
    load = FeedbackRequest.objects.filter(
        respondent=respondent, cycle=cycle, state__in=FeedbackRequest.OPEN_STATES
    ).count()
    if load >= cycle.max_requests_per_respondent:
        raise ValidationError({"respondent": [
            f"{respondent.full_name} already has {load} open feedback requests in this cycle; "
            f"the limit is {cycle.max_requests_per_respondent}. Choose someone else."
        ]})
    request = FeedbackRequest.objects.create(
        review=review, respondent=respondent, cycle=cycle, group=group,
        created_by=getattr(by, "person", None),
    )
    request.goals.set(goals)
    return request


@transaction.atomic
def feedback_answers_save(*, request: FeedbackRequest, by: User, answers: Any, version: Any = None) -> FeedbackRequest:
    """Save the respondent's draft; only questions about their named goals or the public ones."""
    asked = request_questions(request)
    clean = clean_answers(answers, asked)
    with transaction.atomic():
        locked = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
        version_check(version, locked.version, state=locked.state, answers=locked.answers)
        if locked.state != FeedbackRequest.State.APPROVED:
            raise Conflict("Only an open request takes answers.", locked.state)
        locked.answers = clean
        locked.version += 1
        locked.save(update_fields=["answers", "version", "updated_at"])
    return locked
