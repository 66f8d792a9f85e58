"""Writes to objectives: create and edit, with the cascade, count and wording-lock rules."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from people.models import Person, Unit, User
from people.roles import roles_of

from .. import rules as policy
from ..models import KeyResult, Objective, Period

WARN_ABOVE = 3
REFUSE_ABOVE = 5
MAX_PARENT_DEPTH = 50
# Fields that make up an objective's wording: locked once it is agreed.
WORDING = ("title", "description", "level", "unit", "period", "parent_objective", "parent_key_result")
EDITABLE = (*WORDING, "owner", "private")


def _same_owner_q(objective: Objective) -> Q:
    """Objectives counted together against the 3/5 rule: a person's own, or a unit's (any unit level)."""
    if objective.level == Objective.Level.PERSONAL:
        return Q(level=Objective.Level.PERSONAL, owner_id=objective.owner_id)
    return Q(unit_id=objective.unit_id) & ~Q(level=Objective.Level.PERSONAL)


def objective_siblings_count(objective: Objective) -> int:
    """How many objectives share this one's owner and period, itself included."""
    others = Objective.objects.filter(_same_owner_q(objective), period_id=objective.period_id)
    if objective.pk:
        others = others.exclude(pk=objective.pk)
    return others.count() + 1


def objective_warnings(objective: Objective) -> list[str]:
    count = objective_siblings_count(objective)
    if count > WARN_ABOVE:
        return [f"{count} objectives for this owner in {objective.period}: 1–{WARN_ABOVE} are recommended."]
    return []


def cascade_error(child: Objective, parent: Objective) -> str | None:
    """Why ``parent`` may not be served by ``child``, or None when the link is sound."""
    if child.pk and parent.pk == child.pk:
        return "An objective cannot serve itself."
    rank = Objective.RANK
    same_unit_level = (
        parent.level == child.level == Objective.Level.UNIT
        and parent.unit is not None and child.unit is not None and parent.unit_id != child.unit_id
        and child.unit.lineage.startswith(parent.unit.lineage)
    )
    if rank[parent.level] >= rank[child.level] and not same_unit_level:
        return ("The parent must be of a higher level (company > unit > team > personal), "
                "or a unit objective of a unit above this one.")
    if not parent.period.contains(child.period):
        return f"The parent's period ({parent.period}) must contain this objective's period ({child.period})."
    return None


def _loop_error(child: Objective, parent: Objective) -> str | None:
    if not child.pk:
        return None
    seen: set[int] = set()
    node: Objective | None = parent
    while node is not None and len(seen) < MAX_PARENT_DEPTH:
        if node.pk == child.pk or node.pk in seen:
            return "This parent would make a loop in the cascade."
        seen.add(node.pk)
        node = (
            Objective.objects.select_related("parent_key_result__objective", "parent_objective")
            .get(pk=node.pk).parent
        )
    return None


def _validate(objective: Objective, *, by: User, children_too: bool) -> None:
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not objective.title.strip():
        err("title", "A title is required.")
    if objective.level not in Objective.Level.values:
        err("level", "Choose company, unit, team or personal.")
    elif objective.level == Objective.Level.PERSONAL:
        if objective.owner_id is None:
            err("owner", "A personal objective needs an owner.")
        if objective.unit_id is not None:
            err("unit", "A personal objective belongs to a person, not a unit.")
    else:
        if objective.private:
            err("private", "Only personal objectives can be private.")
        if objective.unit_id is None:
            err("unit", "A company, unit or team objective needs its unit.")
        elif objective.level == Objective.Level.COMPANY and objective.unit.parent_id is not None:
            err("unit", "A company objective belongs to the company (the top unit).")
    if objective.owner_id is not None and not objective.owner.active:
        err("owner", "The owner must be an active person.")
    if objective.parent_objective_id and objective.parent_key_result_id:
        err("parent_objective", "Choose one parent: an objective or a key result, not both.")
    parent = objective.parent
    if parent is not None and not errors:
        field = "parent_key_result" if objective.parent_key_result_id else "parent_objective"
        if not policy.may_view(by, parent):
            err(field, "No such objective.")
        else:
            message = cascade_error(objective, parent) or _loop_error(objective, parent)
            if message:
                err(field, message)
    if not errors and objective_siblings_count(objective) > REFUSE_ABOVE:
        err("period", f"At most {REFUSE_ABOVE} objectives per owner and period; this owner has them already.")
    if not errors and children_too and objective.pk:
        children = Objective.objects.filter(
            Q(parent_objective_id=objective.pk) | Q(parent_key_result__objective_id=objective.pk)
        ).select_related("period", "unit")
        for child in children:
            message = cascade_error(child, objective)
            if message:
                err("level", f"Objective {child.pk} ({child.title}) serves this one: {message}")
                break
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def objective_create(
    *,
    by: User,
    title: str,
    level: str,
    period: Period,
    description: str = "",
    unit: Unit | None = None,
    owner: Person | None = None,
    parent_objective: Objective | None = None,
    parent_key_result: KeyResult | None = None,
    private: bool = False,
) -> Objective:
    """A new draft objective. The owner is the person for personal ones and the unit's lead otherwise."""
    me = roles_of(by).person
    if level == Objective.Level.PERSONAL:
        owner = owner or me
        unit = None
    else:
        if level == Objective.Level.COMPANY and unit is None:
            unit = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
        owner = unit.lead if unit is not None else None
    objective = Objective(
        title=title, description=description, level=level, unit=unit, owner=owner, period=period,
        parent_objective=parent_objective, parent_key_result=parent_key_result, private=private, created_by=me,
    )
    _validate(objective, by=by, children_too=False)
    if not policy.allowed(by, "okrs.add_objective", objective):
        raise PermissionDenied("You may not add this objective.")
    objective.save()
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, by: User, **changes) -> Objective:
    """Edit an objective; its wording is locked once agreed, and nothing changes once closed."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({f: ["This field cannot be changed here."] for f in sorted(unknown)})
    if not policy.allowed(by, "okrs.change_objective", objective):
        raise PermissionDenied("You may not change this objective.")
    objective = Objective.objects.select_for_update(of=("self",)).select_related(
        "unit__lead", "owner__unit", "period", "parent_objective__period", "parent_key_result__objective__period",
    ).get(pk=objective.pk)
    changed = {f: v for f, v in changes.items() if _differs(getattr(objective, f), v)}
    if not changed:
        return objective
    if objective.state == Objective.State.CLOSED:
        raise ValidationError({f: ["The objective is closed; it can no longer change."] for f in changed})
    locked = [f for f in changed if f in WORDING] if objective.is_locked else []
    if locked:
        raise ValidationError(
            {f: ["The objective is agreed: its wording is locked (adjust key results with a reason)."] for f in locked}
        )
    if "level" in changed and Objective.Level.PERSONAL in (objective.level, changed["level"]):
        raise ValidationError({"level": ["A personal objective cannot become a unit one, or back; create a new one."]})
    if "owner" in changed and objective.level == Objective.Level.PERSONAL:
        raise ValidationError({"owner": ["A personal objective keeps its owner."]})
    if changed.get("parent_objective") is not None:
        changed.setdefault("parent_key_result", None)
    if changed.get("parent_key_result") is not None:
        changed.setdefault("parent_objective", None)
    for field, value in changed.items():
        setattr(objective, field, value)
    _validate(objective, by=by, children_too=bool({"level", "period", "unit"} & set(changed)))
    objective.save(update_fields=[*changed, "updated_at"])
    return objective


def _differs(old, new) -> bool:
    if hasattr(old, "pk") or hasattr(new, "pk"):
        return getattr(old, "pk", None) != getattr(new, "pk", None)
    return old != new
