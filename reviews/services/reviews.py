"""Reviews: created in bulk for a cycle's participants, drafts saved as people type."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    CharField,
    DateTimeField,
    F,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone

from common.errors import Conflict, VersionConflict
from cycles.models import ReviewCycle
from cycles.services import cycle_participants
from people.models import Person, User

from ..content import clean_answers, missing_required
from ..models import Review
from ..selectors import review_questions, with_review_context

SELF_EDITABLE = (
    Review.State.GOALS_DRAFT, Review.State.GOALS_SUBMITTED, Review.State.GOALS_AGREED, Review.State.SELF_REVIEW,
)
MANAGER_EDITABLE = (Review.State.SELF_SUBMITTED, Review.State.RESPONDENTS_APPROVED)
BATCH = 5000


def reviews_create_missing(cycle: ReviewCycle) -> int:
    """One review for every participant who has none yet; set-based and idempotent.

    One statement whatever the size: ``INSERT INTO review (…) SELECT … FROM person WHERE <participant>
    AND no review yet``, so the rows never travel through Python (10,000 reviews in a fraction of a
    second). The caller holds the cycle's row lock (the runner's, or the sync's), so two runs cannot
    both insert the same person.
    """
    now = timezone.now()
    # Every column a new row needs, in insert order; the SELECT is built by the ORM from the participant rule.
    columns = {
        "cycle": Value(cycle.pk, output_field=BigIntegerField()),
        "person": F("pk"),
        "manager": F("manager_id"),
        "unit": F("unit_id"),
        "state": Value(Review.State.GOALS_DRAFT.value, output_field=CharField()),
        "self_answers": Value([], output_field=JSONField()),
        "manager_answers": Value([], output_field=JSONField()),
        "public_goals": Value([], output_field=JSONField()),
        "calibration_reason": Value("", output_field=CharField()),
        "version": Value(0, output_field=IntegerField()),
        "created_at": Value(now, output_field=DateTimeField()),
        "updated_at": Value(now, output_field=DateTimeField()),
    }
    aliases = {name: f"_new_{name}" for name in columns}
    select = (
        cycle_participants(cycle)
        .exclude(pk__in=Review.objects.filter(cycle=cycle).values("person_id"))
        .order_by()
        .annotate(**{aliases[name]: expression for name, expression in columns.items()})
        .values_list(*aliases.values())
    )
    sql, params = select.query.sql_with_params()
    quote = connection.ops.quote_name
    targets = ", ".join(quote(Review._meta.get_field(name).column) for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(Review._meta.db_table)} ({targets}) {sql}", params)  # noqa: S608
        return cursor.rowcount


def reviews_follow_managers(cycle: ReviewCycle) -> int:
    """Open reviews follow their person's current manager and unit (a manager change hands over the tasks)."""
    # NULL-safe: the top person has no manager, and NULL = NULL is not true in SQL.
    same_manager = Q(manager_id=F("person__manager_id")) | Q(manager_id__isnull=True, person__manager_id__isnull=True)
    same_unit = Q(unit_id=F("person__unit_id")) | Q(unit_id__isnull=True, person__unit_id__isnull=True)
    stale = Review.objects.filter(cycle=cycle, state__in=Review.OPEN_STATES).exclude(same_manager & same_unit)
    ids = list(stale.order_by().values_list("pk", flat=True))
    person = Person.objects.filter(pk=OuterRef("person_id"))
    for start in range(0, len(ids), BATCH):
        Review.objects.filter(pk__in=ids[start : start + BATCH]).update(
            manager_id=Subquery(person.values("manager_id")[:1]), unit_id=Subquery(person.values("unit_id")[:1]),
        )
    return len(ids)


def version_check(version: Any, stored: int, *, state: str, answers: list) -> None:
    """A save that says which version it read must have read the stored one: otherwise 409 "changed
    elsewhere", carrying the stored version and answers. A save without a version overwrites (last writer wins)."""
    if version is None:
        return
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError({"version": ["Give the integer version you last read."]})
    if version != stored:
        raise VersionConflict(state, stored, answers)


def _locked(review: Review, version: Any, *, part: str) -> Review:
    locked = Review.objects.select_for_update().get(pk=review.pk)
    version_check(version, locked.version, state=locked.state, answers=getattr(locked, part))
    return locked


def review_self_save(
    *, review: Review, by: User, answers: Any, public_goals: Any = None, version: Any = None,
) -> Review:
    """Save the self-review draft (and the goals opened to any respondent); bumps ``version``."""
    asked = review_questions(review, authors=("self",))
    clean = clean_answers(answers, asked)
    # A private objective stays private: it cannot be opened to every respondent.
    shareable = {g.pk for g in with_review_context(review)._goals if not g.private}
    if public_goals is not None:
        if not isinstance(public_goals, list) or not all(isinstance(g, int) and g in shareable for g in public_goals):
            raise ValidationError({"public_goals": ["Give ids of your own goals in this cycle that are not private."]})
    with transaction.atomic():
        locked = _locked(review, version, part="self_answers")
        if locked.state not in SELF_EDITABLE:
            raise Conflict("The self-review is submitted; it can no longer change.", locked.state)
        locked.self_answers = clean
        if public_goals is not None:
            locked.public_goals = sorted(set(public_goals))
        locked.version += 1
        locked.save(update_fields=["self_answers", "public_goals", "version", "updated_at"])
    return locked


def review_manager_save(
    *, review: Review, by: User, answers: Any, final_rating: Any = None, potential: Any = None,
    version: Any = None,
) -> Review:
    """Save the manager review draft with the preliminary final rating and the potential."""
    asked = review_questions(review, authors=("manager",))
    clean = clean_answers(answers, asked)
    cycle = review.cycle
    errors = {}
    finals = [level.value for level in cycle.final_scale.levels.all()]
    if final_rating is not None and (isinstance(final_rating, bool) or final_rating not in finals):
        errors["final_rating"] = [f"{final_rating!r} is not on the final rating scale {finals}."]
    potentials = [level.value for level in cycle.potential_scale.levels.all()] if cycle.potential_scale else []
    if potential is not None and (isinstance(potential, bool) or potential not in potentials):
        errors["potential"] = [f"{potential!r} is not on the potential scale {potentials}."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(review, version, part="manager_answers")
        if locked.state not in MANAGER_EDITABLE:
            raise Conflict("The manager review cannot change in this state.", locked.state)
        locked.manager_answers = clean
        locked.preliminary_rating = final_rating
        locked.potential = potential
        locked.version += 1
        locked.save(update_fields=["manager_answers", "preliminary_rating", "potential", "version", "updated_at"])
    return locked


def self_review_missing(review: Review) -> list[str]:
    """Required self-review questions still unanswered."""
    return missing_required(review.self_answers, review_questions(with_review_context(review), authors=("self",)))
