"""Feedback requests: nominating respondents (with the cycle's limits) and saving their answers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from common.bulk import bulk_insert, next_ids
from common.errors import Conflict
from cycles.models import ReviewCycle
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


@dataclass(frozen=True)
class NominationRow:
    """One respondent named for one review, as ``feedback_requests_create_bulk`` takes it."""

    review_id: int
    respondent_id: int
    group: str
    goal_ids: tuple[int, ...] = ()


class NominationErrors(Exception):
    """Rows refused by ``feedback_requests_create_bulk``: row index → field → messages. Nothing was created."""

    def __init__(self, errors: dict[int, dict[str, list[str]]]):
        self.errors = errors
        super().__init__(f"{len(errors)} rows refused")


def _nomination_context(rows: Sequence[NominationRow]) -> dict[str, Any]:
    """Everything the rules of a nomination read, for every row at once: a fixed number of queries.

    Reviews are locked, then respondents, each in primary-key order, as ``feedback_request_create`` locks one
    review and then one person: two nominations, bulk or single, never wait on each other in a circle."""
    review_ids = sorted({r.review_id for r in rows})
    respondent_ids = sorted({r.respondent_id for r in rows})
    goal_ids = sorted({g for r in rows for g in r.goal_ids})
    reviews = {pk: (state, person_id, cycle_id) for pk, state, person_id, cycle_id in (
        Review.objects.select_for_update().filter(pk__in=review_ids).order_by("pk")
        .values_list("pk", "state", "person_id", "cycle_id"))}
    cycle_ids = sorted({row[2] for row in reviews.values()})
    people = {pk: (state, name) for pk, state, name in (
        Person.objects.select_for_update().filter(pk__in=respondent_ids).order_by("pk")
        .values_list("pk", "state", "full_name"))}
    cycles = {pk: (most, cap) for pk, most, cap in ReviewCycle.objects.filter(pk__in=cycle_ids).values_list(
        "pk", "max_respondents", "max_requests_per_respondent")}
    periods: dict[int, set[int]] = {}
    for cycle_id, period_id in ReviewCycle.periods.through.objects.filter(reviewcycle_id__in=cycle_ids).values_list(
            "reviewcycle_id", "period_id"):
        periods.setdefault(cycle_id, set()).add(period_id)
    goals = {pk: (owner, period) for pk, owner, period in (
        Objective.objects.filter(pk__in=goal_ids).values_list("pk", "owner_id", "period_id") if goal_ids else [])}
    live = FeedbackRequest.objects.filter(review_id__in=review_ids, state__in=FeedbackRequest.LIVE_STATES)
    named = set(live.values_list("review_id", "respondent_id"))
    load = {(row["respondent_id"], row["cycle_id"]): row["n"] for row in FeedbackRequest.objects.filter(
        respondent_id__in=respondent_ids, cycle_id__in=cycle_ids, state__in=FeedbackRequest.OPEN_STATES,
    ).values("respondent_id", "cycle_id").annotate(n=Count("pk"))}
    return {"reviews": reviews, "people": people, "cycles": cycles, "periods": periods, "goals": goals,
            "named": named, "respondents": Counter(review for review, _respondent in named), "load": Counter(load)}


def _nomination_errors(rows: Sequence[NominationRow], ctx: dict[str, Any]) -> dict[int, dict[str, list[str]]]:
    """The single nomination's rules, row by row; a row that passes counts towards the limits of the next."""
    errors: dict[int, dict[str, list[str]]] = {}
    respondents, load, named = ctx["respondents"], ctx["load"], set(ctx["named"])
    for index, row in enumerate(rows):
        bad: dict[str, list[str]] = {}
        review = ctx["reviews"].get(row.review_id)
        person = ctx["people"].get(row.respondent_id)
        if review is None:
            bad["review"] = [_("No such review.")]
        elif review[0] not in NOMINATION_STATES:
            bad["review"] = [_("Respondents can no longer be named for this review.")]
        if row.group not in FeedbackRequest.Group.values:
            bad["group"] = [_("Choose one of %(groups)s.") % {"groups": ", ".join(FeedbackRequest.Group.values)}]
        if person is None:
            bad["respondent"] = [_("No such person.")]
        elif review is not None and row.respondent_id == review[1]:
            bad["respondent"] = [_("A person cannot be their own respondent.")]
        elif person[0] != Person.State.ACTIVE:
            bad["respondent"] = [_("%(name)s is no longer active.") % {"name": person[1]}]
        elif (row.review_id, row.respondent_id) in named:
            bad["respondent"] = [_("%(name)s is already a respondent of this review.") % {"name": person[1]}]
        if review is not None:
            own = ctx["periods"].get(review[2], set())
            foreign = [g for g in row.goal_ids if ctx["goals"].get(g, (None, None))[0] != review[1]
                       or ctx["goals"][g][1] not in own]
            if foreign:
                bad["goals"] = [_("Goals %(ids)s are not this person's goals in the cycle.") % {"ids": foreign}]
        if review is not None and not bad:
            most, cap = ctx["cycles"][review[2]]
            if respondents[row.review_id] >= most:
                bad["review"] = [_("This review already has the maximum of %(n)s respondents.") % {"n": most}]
            elif load[(row.respondent_id, review[2])] >= cap:
                bad["respondent"] = [_(
                    "%(name)s already has %(load)s open feedback requests in this cycle; the limit is %(cap)s. "
                    "Choose someone else.") % {"name": person[1], "load": load[(row.respondent_id, review[2])],
                                               "cap": cap}]
        if bad:
            errors[index] = bad
            continue
        named.add((row.review_id, row.respondent_id))
        respondents[row.review_id] += 1
        load[(row.respondent_id, review[2])] += 1
    return errors


@transaction.atomic
def feedback_requests_create_bulk(*, by: User, rows: Sequence[NominationRow]) -> list[int]:
    """Name many respondents at once, under the rules of ``feedback_request_create``, all or nothing.

    Every row is checked first (the review's state and maximum, the respondent's load cap with the
    respondents' rows locked, no one twice, not oneself, not inactive, only the person's own goals of the
    cycle); any refusal raises ``NominationErrors`` with every bad row's messages and creates nothing.
    Answers the new requests' ids in the rows' order. A fixed number of queries, whatever the number of rows.
    """
    if not rows:
        return []
    ctx = _nomination_context(rows)
    errors = _nomination_errors(rows, ctx)
    if errors:
        raise NominationErrors(errors)
    ids = next_ids(FeedbackRequest, len(rows))
    now, author = timezone.now(), getattr(getattr(by, "person", None), "pk", None)
    bulk_insert(FeedbackRequest, [
        {"id": pk, "review_id": row.review_id, "respondent_id": row.respondent_id, "cycle_id":
         ctx["reviews"][row.review_id][2], "group": row.group, "state": FeedbackRequest.State.NOMINATED,
         "created_by_id": author, "created_at": now, "updated_at": now}
        for pk, row in zip(ids, rows, strict=True)
    ])
    links = [{"feedbackrequest_id": pk, "objective_id": goal}
             for pk, row in zip(ids, rows, strict=True) for goal in dict.fromkeys(row.goal_ids)]
    bulk_insert(FeedbackRequest.goals.through, links)
    return ids
