"""Reads of goals, always scoped to the user asking.

Every active member reads every non-private objective; private personal objectives and development
goals are read only by the person, their management chain at any depth, HR partners of their unit
and HR admin (``people.selectors.person_scope_q``). The querysets load what the policy and the
serializers need (owner, unit lead, key results) so callers never pay a query per row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from common.access import fetch
from people.models import Person, Unit
from people.roles import roles_of
from people.selectors import person_scope_q

from . import scoring
from .models import CheckIn, Dependency, DevelopmentGoal, KeyResult, Objective, Period, WeeklyPlan

OBJECTIVE_RELATED = ("unit__lead", "owner__unit", "period")


def _member(user) -> bool:
    roles = roles_of(user)
    return roles.hr_admin or roles.employee


def periods_visible_to(user) -> QuerySet[Period]:
    return Period.objects.all() if _member(user) else Period.objects.none()


def objective_visibility_q(user, *, prefix: str = "") -> Q:
    """Objectives ``user`` may read; ``prefix`` points from another model to its objective."""
    if roles_of(user).hr_admin:
        return Q()
    # The owners in scope as a subquery (found through the path index): the filter then reads each objective's
    # own columns instead of joining every objective of the organisation to its owner.
    owners = Person.objects.filter(person_scope_q(user)).values("pk")
    return Q(**{f"{prefix}private": False}) | Q(**{f"{prefix}owner_id__in": owners})


def key_results_prefetch() -> Prefetch:
    return Prefetch("key_results", queryset=KeyResult.objects.order_by("position", "pk"))


def objectives_visible_to(user) -> QuerySet[Objective]:
    if not _member(user):
        return Objective.objects.none()
    return (
        Objective.objects.filter(objective_visibility_q(user))
        .select_related(*OBJECTIVE_RELATED)
        .prefetch_related(key_results_prefetch())
    )


def objective_detail(user, pk) -> Objective:
    """One objective the user may read, with what its page shows of its place in the cascade (404 otherwise)."""
    return fetch(objectives_visible_to(user).select_related(
        "parent_objective", "parent_key_result__objective", "created_by"), pk)


def objective_tree_children(user, parent_id: int | None, *, period: Period | None = None) -> QuerySet[Objective]:
    """One level of the alignment tree: the top (objectives with no parent), or those serving ``parent_id``
    directly or through one of its key results."""
    qs = objectives_visible_to(user)
    if parent_id is None:
        qs = qs.filter(parent_objective__isnull=True, parent_key_result__isnull=True)
    else:
        qs = qs.filter(Q(parent_objective_id=parent_id) | Q(parent_key_result__objective_id=parent_id))
    if period is not None:
        qs = qs.filter(period=period)
    return qs.order_by("level", "title", "pk")


def objectives_for_unit(user, unit: Unit, *, period: Period | None = None) -> QuerySet[Objective]:
    qs = objectives_visible_to(user).filter(unit=unit).exclude(level=Objective.Level.PERSONAL)
    return qs.filter(period=period) if period is not None else qs


def objectives_for_person(user, person: Person, *, period: Period | None = None) -> QuerySet[Objective]:
    qs = objectives_visible_to(user).filter(owner=person, level=Objective.Level.PERSONAL)
    return qs.filter(period=period) if period is not None else qs


def key_results_visible_to(user) -> QuerySet[KeyResult]:
    if not _member(user):
        return KeyResult.objects.none()
    return KeyResult.objects.filter(objective_visibility_q(user, prefix="objective__")).select_related(
        "objective__unit__lead", "objective__owner__unit", "owner"
    )


def key_result_detail(user, pk) -> KeyResult:
    return fetch(key_results_visible_to(user).select_related("objective__period"), pk)


def check_ins_of(user, key_result: KeyResult) -> QuerySet[CheckIn]:
    """A key result's check-ins, newest first (the key result comes from ``key_results_visible_to``)."""
    return CheckIn.objects.filter(key_result=key_result).select_related("author").order_by("-created_at", "-pk")


def check_in_history(user, objective: Objective) -> QuerySet[CheckIn]:
    """Every check-in of a visible objective's key results, oldest first: the data of its progress chart."""
    if not objectives_visible_to(user).filter(pk=objective.pk).exists():
        return CheckIn.objects.none()
    return (
        CheckIn.objects.filter(key_result__objective_id=objective.pk)
        .select_related("author")
        .order_by("key_result_id", "created_at", "pk")
    )


def dependencies_visible_to(user) -> QuerySet[Dependency]:
    """Dependencies are between units, so every member sees them; declined ones stay visible."""
    if not _member(user):
        return Dependency.objects.none()
    return Dependency.objects.filter(objective_visibility_q(user, prefix="objective__")).select_related(
        "from_unit", "to_unit", "objective", "key_result"
    )


def dependencies_of_unit(user, unit: Unit) -> QuerySet[Dependency]:
    """Both sides: what the unit asked for and what it was asked."""
    return dependencies_visible_to(user).filter(Q(from_unit=unit) | Q(to_unit=unit))


def development_goals_visible_to(user) -> QuerySet[DevelopmentGoal]:
    if not _member(user):
        return DevelopmentGoal.objects.none()
    return DevelopmentGoal.objects.filter(person_scope_q(user, prefix="person__")).select_related(
        "person__unit", "period"
    )


def development_goal_detail(user, pk) -> DevelopmentGoal:
    return fetch(development_goals_visible_to(user), pk)


def scores_from_rows(objective_ids) -> tuple[dict[int, Decimal], dict[int, Decimal], dict[int, Decimal]]:
    """Recompute, independently of the stored values, what they should be from the rows that made them.

    A key result's current value is its latest check-in's (or its own when it has none); its progress
    follows from kind, start and target; an objective's score from its key results. Returns
    ``(current by key result, progress by key result, score by objective)``: stored values must equal them.
    """
    latest = CheckIn.objects.filter(key_result=OuterRef("pk")).order_by("-created_at", "-pk").values("value")[:1]
    rows = KeyResult.objects.filter(objective_id__in=objective_ids).annotate(latest=Subquery(latest)).values(
        "pk", "objective_id", "kind", "start", "target", "current", "weight", "latest"
    )
    currents: dict[int, Decimal] = {}
    progresses: dict[int, Decimal] = {}
    per_objective: dict[int, list[tuple[Decimal, Decimal]]] = {pk: [] for pk in objective_ids}
    for row in rows:
        current = row["latest"] if row["latest"] is not None else row["current"]
        currents[row["pk"]] = Decimal(str(current))
        progresses[row["pk"]] = scoring.progress(row["kind"], row["start"], row["target"], current)
        per_objective[row["objective_id"]].append((progresses[row["pk"]], row["weight"]))
    return currents, progresses, {pk: scoring.score(items) for pk, items in per_objective.items()}


def period_of_day(periods, day) -> Period | None:
    """Of ``periods``, the one a day belongs to: its quarter when there is one, else the shortest around it."""
    around = [p for p in periods if p.start <= day <= p.end]
    around.sort(key=lambda p: (p.kind != Period.Kind.QUARTER, p.end - p.start, p.pk))
    return around[0] if around else None


def period_detail(user, value) -> Period:
    """The period named by ``value`` (its id or code; empty means the current quarter), 404 when none."""
    periods = list(periods_visible_to(user).order_by("start", "-end"))
    if not periods:
        raise Http404
    if value in (None, ""):
        return period_of_day(periods, timezone.localdate()) or periods[-1]
    value = str(value)
    found = next((p for p in periods if p.code == value or (value.isdigit() and p.pk == int(value))), None)
    if found is None:
        raise Http404
    return found


def period_containing(day) -> Period | None:
    return period_of_day(Period.objects.filter(start__lte=day, end__gte=day), day)


TREND_LENGTH = 6


def weekly_board(user, *, unit: Unit | None = None, person: Person | None = None, week) -> dict:
    """The four quadrants of a team's or a person's board for the week starting on Monday ``week``.

    Priorities, plans and health come from the saved ``WeeklyPlan`` (None when nobody wrote one yet);
    the OKR quadrant is read from the owner's objectives of the period containing the week: each
    objective's score and zone, each key result's progress and confidence, and its confidence trend
    (the last check-ins up to the end of the week). A past week shows the values as they stood at its
    end, recomputed from the check-ins with ``okrs.scoring``. Five queries whatever the size.
    """
    week_end = week + dt.timedelta(days=7)
    end_at = timezone.make_aware(dt.datetime.combine(week_end, dt.time.min))
    owner = {"unit": unit} if unit is not None else {"person": person}
    plan = WeeklyPlan.objects.filter(week=week, **owner).select_related("author").first()
    period = period_containing(week)
    objectives: list[Objective] = []
    if period is not None:
        qs = objectives_for_unit(user, unit, period=period) if unit is not None else objectives_for_person(
            user, person, period=period)
        objectives = list(qs.order_by("level", "pk"))
    kr_ids = [kr.pk for o in objectives for kr in o.key_results.all()]
    trends: dict[int, list[dict]] = {pk: [] for pk in kr_ids}
    if kr_ids:
        rows = (
            CheckIn.objects.filter(key_result_id__in=kr_ids, created_at__lt=end_at)
            .annotate(rank=Window(RowNumber(), partition_by=[F("key_result_id")],
                                  order_by=[F("created_at").desc(), F("pk").desc()]))
            .filter(rank__lte=TREND_LENGTH)
            .values("key_result_id", "value", "confidence", "created_at")
        )
        for row in rows:
            trends[row["key_result_id"]].append(row)
    live = end_at > timezone.now()
    quadrant = []
    for objective in objectives:
        items = []
        for kr in objective.key_results.all():
            trend = sorted(trends[kr.pk], key=lambda r: r["created_at"])
            if live or not trend:
                value, confidence = (kr.current, kr.confidence) if live else (kr.start, None)
            else:
                value, confidence = trend[-1]["value"], trend[-1]["confidence"]
            progress = scoring.progress(kr.kind, kr.start, kr.target, value)
            items.append({"key_result": kr, "value": value, "progress": progress, "confidence": confidence,
                          "trend": [r["confidence"] for r in trend]})
        score = scoring.score((item["progress"], item["key_result"].weight) for item in items)
        quadrant.append({"objective": objective, "score": score, "zone": scoring.zone(score), "key_results": items})
    return {
        "unit": unit, "person": person, "week": week, "week_end": week_end - dt.timedelta(days=1),
        "previous": week - dt.timedelta(days=7), "next": week_end, "period": period, "plan": plan,
        "objectives": quadrant,
    }
