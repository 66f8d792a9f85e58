"""Writes to key results: create, edit (logged adjustments once agreed), check-ins, grades, score refresh."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from people.models import Person, User
from people.roles import roles_of

from .. import rules as policy
from .. import scoring
from ..models import CheckIn, KeyResult, KeyResultAdjustment, Objective

MAX_KEY_RESULTS = 5
EDITABLE = ("title", "kind", "start", "target", "unit_label", "weight", "owner", "position")


def objective_scores_refresh(objective_ids: Iterable[int]) -> None:
    """Recompute stored progress of every key result and score of every objective named; set-based.

    Four queries whatever the number of objectives: read key results, write the changed ones, read
    objectives, write the changed ones. Callers hold the objective rows locked.
    """
    ids = set(objective_ids)
    if not ids:
        return
    krs = list(
        KeyResult.objects.filter(objective_id__in=ids).only(
            "pk", "objective_id", "kind", "start", "target", "current", "weight", "progress"
        )
    )
    per_objective: dict[int, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    changed_krs = []
    for kr in krs:
        value = scoring.progress(kr.kind, kr.start, kr.target, kr.current)
        if value != kr.progress:
            kr.progress = value
            changed_krs.append(kr)
        per_objective[kr.objective_id].append((value, kr.weight))
    KeyResult.objects.bulk_update(changed_krs, ["progress"], batch_size=1000)
    changed_objectives = []
    for objective in Objective.objects.filter(pk__in=ids).only("pk", "score"):
        value = scoring.score(per_objective.get(objective.pk, []))
        if value != objective.score:
            objective.score = value
            changed_objectives.append(objective)
    Objective.objects.bulk_update(changed_objectives, ["score"], batch_size=1000)


def _decimal(value, field: str, errors: dict) -> Decimal | None:
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        errors.setdefault(field, []).append("Enter a number.")
        return None
    if not result.is_finite() or abs(result) >= Decimal("1e14"):
        errors.setdefault(field, []).append("Enter a finite number below 10^14.")
        return None
    return result


def _validate(kr: KeyResult) -> None:
    errors: dict[str, list[str]] = {}
    if not kr.title.strip():
        errors["title"] = ["A title is required."]
    if kr.kind not in KeyResult.Kind.values:
        errors["kind"] = ["Choose increase_to, decrease_to, boolean or milestone."]
    for field in ("start", "target", "current", "weight"):
        value = _decimal(getattr(kr, field), field, errors)
        if value is not None:
            setattr(kr, field, value)
    if errors:
        raise ValidationError(errors)
    if kr.kind == KeyResult.Kind.BOOLEAN:
        if kr.start != 0 or kr.target != 1:
            errors["target"] = ["A done / not done key result goes from 0 to 1."]
        if kr.current not in (0, 1):
            errors["current"] = ["A done / not done key result is 0 (not done) or 1 (done)."]
    elif kr.target == kr.start:
        errors["target"] = [f"The target equals the start ({kr.start}): there is nothing to achieve."]
    elif kr.kind == KeyResult.Kind.DECREASE_TO and kr.target > kr.start:
        errors["target"] = ["A decrease_to key result needs a target below its start."]
    elif kr.kind in (KeyResult.Kind.INCREASE_TO, KeyResult.Kind.MILESTONE) and kr.target < kr.start:
        errors["target"] = [f"An {kr.kind} key result needs a target above its start (or use decrease_to)."]
    if kr.weight <= 0:
        errors["weight"] = ["The weight must be above 0."]
    if kr.owner_id is not None and not kr.owner.active:
        errors["owner"] = ["The owner must be an active person."]
    if errors:
        raise ValidationError(errors)


def _lock_objective(objective_id: int) -> Objective:
    return (
        Objective.objects.select_for_update(of=("self",))
        .select_related("unit__lead", "owner__unit")
        .get(pk=objective_id)
    )


def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "pk"):
        return value.pk
    return value


@transaction.atomic
def key_result_create(
    *,
    by: User,
    objective: Objective,
    title: str,
    target=None,
    kind: str = KeyResult.Kind.INCREASE_TO,
    start=0,
    current=None,
    unit_label: str = "",
    weight=1,
    owner: Person | None = None,
    position: int | None = None,
    reason: str = "",
) -> KeyResult:
    """Add a key result (at most five); after the objective is agreed only with a reason, which is logged."""
    objective = _lock_objective(objective.pk)
    if not policy.may_view(by, objective):
        raise ValidationError({"objective": ["No such objective."]})
    if kind == KeyResult.Kind.BOOLEAN:
        start, target = 0, 1
    elif target is None:
        raise ValidationError({"target": ["A target is required."]})
    kr = KeyResult(
        objective=objective, title=title, kind=kind, start=start, target=target,
        current=start if current is None else current, unit_label=unit_label, weight=weight,
        owner=owner or objective.owner, position=position or 0,
    )
    if not policy.allowed(by, "okrs.add_keyresult", kr):
        raise PermissionDenied("You may not add key results to this objective.")
    if objective.state == Objective.State.CLOSED:
        raise ValidationError({"objective": ["The objective is closed."]})
    if objective.is_locked and not reason.strip():
        raise ValidationError({"reason": ["The objective is agreed: give a reason to add a key result."]})
    count = objective.key_results.count()
    if count >= MAX_KEY_RESULTS:
        raise ValidationError({"objective": [f"An objective has at most {MAX_KEY_RESULTS} key results."]})
    _validate(kr)
    if position is None:
        kr.position = count
    kr.save()
    if objective.is_locked:
        KeyResultAdjustment.objects.create(
            key_result=kr, by=roles_of(by).person, reason=reason.strip(),
            changes={"created": {"old": None, "new": {f: _plain(getattr(kr, f)) for f in (*EDITABLE, "current")}}},
        )
    objective_scores_refresh([objective.pk])
    kr.refresh_from_db(fields=["progress"])
    return kr


@transaction.atomic
def key_result_update(*, key_result: KeyResult, by: User, reason: str = "", **changes) -> KeyResult:
    """Edit a key result; once its objective is agreed every change needs a reason and is logged."""
    if "current" in changes:
        kr_current = KeyResult.objects.filter(pk=key_result.pk).values_list("current", flat=True).first()
        if kr_current is None or _plain(Decimal(str(changes["current"]))) != _plain(kr_current):
            raise ValidationError({"current": ["Record a check-in to change the current value."]})
        changes.pop("current")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({f: ["This field cannot be changed here."] for f in sorted(unknown)})
    objective = _lock_objective(key_result.objective_id)
    kr = KeyResult.objects.select_related("owner").get(pk=key_result.pk)
    kr.objective = objective
    if not policy.allowed(by, "okrs.change_keyresult", kr):
        raise PermissionDenied("You may not change this key result.")
    if changes.get("kind") == KeyResult.Kind.BOOLEAN:
        changes.setdefault("start", 0)
        changes.setdefault("target", 1)
    old = {f: getattr(kr, f) for f in changes}
    for field, value in changes.items():
        setattr(kr, field, value)
    _validate(kr)
    diff = {f: {"old": _plain(old[f]), "new": _plain(getattr(kr, f))} for f in changes
            if _plain(old[f]) != _plain(getattr(kr, f))}
    if not diff:
        return kr
    if objective.state == Objective.State.CLOSED:
        raise ValidationError({"detail": ["The objective is closed; its key results no longer change."]})
    if objective.is_locked:
        if not reason.strip():
            raise ValidationError(
                {"reason": ["The objective is agreed: a key result changes only with a reason, which is logged."]}
            )
        KeyResultAdjustment.objects.create(key_result=kr, by=roles_of(by).person, reason=reason.strip(), changes=diff)
    kr.save(update_fields=[*diff, "updated_at"])
    objective_scores_refresh([objective.pk])
    kr.refresh_from_db(fields=["progress"])
    return kr


@transaction.atomic
def check_in_create(*, key_result: KeyResult, by: User, value, confidence: int, note: str = "") -> CheckIn:
    """Record a check-in; the key result's value, confidence and progress and the objective's score follow."""
    objective = _lock_objective(key_result.objective_id)
    kr = KeyResult.objects.select_related("owner").get(pk=key_result.pk)
    kr.objective = objective
    if not policy.allowed(by, "okrs.add_checkin", kr):
        raise PermissionDenied("You may not check in on this key result.")
    errors: dict[str, list[str]] = {}
    number = _decimal(value, "value", errors)
    if isinstance(confidence, bool) or not isinstance(confidence, int) or not 0 <= confidence <= 10:
        errors["confidence"] = ["Confidence is a whole number from 0 to 10."]
    if number is not None and kr.kind == KeyResult.Kind.BOOLEAN and number not in (0, 1):
        errors["value"] = ["A done / not done key result takes 0 (not done) or 1 (done)."]
    if objective.state == Objective.State.CLOSED:
        errors.setdefault("detail", []).append("The objective is closed; check-ins are no longer recorded.")
    if errors:
        raise ValidationError(errors)
    check_in = CheckIn.objects.create(
        key_result=kr, value=number, confidence=confidence, note=note, author=roles_of(by).person
    )
    KeyResult.objects.filter(pk=kr.pk).update(current=number, confidence=confidence)
    objective_scores_refresh([objective.pk])
    return check_in


def key_results_grade(*, objective: Objective, grades: list[dict] | None) -> None:
    """Grade every key result 0.0–1.0 at close: the given grade and comment, else its progress.

    Called by the close transition inside the runner's transaction.
    """
    krs = {kr.pk: kr for kr in KeyResult.objects.filter(objective_id=objective.pk)}
    given: dict[int, dict] = {}
    errors: list[str] = []
    if grades is not None and not isinstance(grades, list):
        raise ValidationError({"grades": ["A list of {key_result, grade, comment}."]})
    for item in grades or []:
        if not isinstance(item, dict) or item.get("key_result") not in krs:
            errors.append(f"Not a key result of this objective: {item!r:.80}")
            continue
        grade = item.get("grade")
        if grade is not None:
            try:
                grade = Decimal(str(grade))
            except (InvalidOperation, ValueError):
                grade = Decimal(-1)
            if not grade.is_finite() or not 0 <= grade <= 1:
                errors.append(f"Key result {item['key_result']}: a grade is from 0.0 to 1.0.")
                continue
        given[item["key_result"]] = {"grade": grade, "comment": str(item.get("comment") or "")}
    if errors:
        raise ValidationError({"grades": errors})
    for pk, kr in krs.items():
        chosen = given.get(pk, {})
        grade = chosen.get("grade")
        kr.grade = scoring.quantize(grade) if grade is not None else kr.progress
        kr.grade_comment = chosen.get("comment", "")
    KeyResult.objects.bulk_update(krs.values(), ["grade", "grade_comment"])
