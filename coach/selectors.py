"""Reads of the coach, the public entry points other apps call.

- ``rule_settings()`` — the enabled rules and their thresholds (one query).
- ``findings_for(objectives)`` — every finding on a batch of objectives whose key results and period are
  loaded (``okrs.selectors.objectives_visible_to`` loads them): a fixed number of queries whatever the batch.
- ``objective_findings(objective)`` — the same for one objective.
- ``unit_summary(user, unit, period)`` — the findings on every objective of a unit, its sub-units and their
  members that the user may see, grouped by rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from common.access import fetch
from okrs.models import CheckIn, Dependency, Objective, Period
from okrs.rules import allowed
from okrs.selectors import objectives_visible_to
from people.models import Unit
from people.selectors import unit_detail, units_visible_to

from .models import CoachRule, Rule, Silence
from .rules_engine import RULES, Facts, Finding, evaluate


def rule_settings() -> dict[str, dict]:
    """code → thresholds of every enabled rule; a rule with no stored row runs with its defaults."""
    stored = {row.code: row for row in CoachRule.objects.all()}
    settings = {}
    for code, spec in RULES.items():
        row = stored.get(code)
        if row is not None and not row.enabled:
            continue
        params = dict(spec.defaults)
        if row is not None:
            params.update({k: v for k, v in (row.params or {}).items() if k in spec.defaults})
        settings[code] = params
    return settings


def _ids_or_subquery(objectives: Sequence[Objective], source: QuerySet | None):
    return source.values("pk") if source is not None else [o.pk for o in objectives]


def load_facts(objectives: Sequence[Objective], *, settings: dict[str, dict], today: dt.date,
               source: QuerySet | None = None) -> Facts:
    """Everything the enabled rules read, in at most six queries for the whole batch.

    ``source`` is the queryset the objectives came from: given, the lookups use it as a subquery instead
    of a list of ids (a unit summary may hold tens of thousands)."""
    facts = Facts(today=today)
    if not objectives:
        return facts
    ids = _ids_or_subquery(objectives, source)
    period_ids = {o.period_id for o in objectives}
    if source is not None:
        owners = source.filter(level=Objective.Level.PERSONAL).values("owner_id")
        units = source.exclude(level=Objective.Level.PERSONAL).values("unit_id")
    else:
        owners = {o.owner_id for o in objectives if o.level == Objective.Level.PERSONAL}
        units = {o.unit_id for o in objectives if o.level != Objective.Level.PERSONAL}
    same_owner = Q(level=Objective.Level.PERSONAL, owner_id__in=owners) | (
        ~Q(level=Objective.Level.PERSONAL) & Q(unit_id__in=units))

    if Rule.TOO_MANY_OBJECTIVES in settings:
        rows = (Objective.objects.filter(same_owner, period_id__in=period_ids)
                .values("level", "owner_id", "unit_id", "period_id").annotate(n=Count("pk")))
        for row in rows:
            key = ("person", row["owner_id"]) if row["level"] == Objective.Level.PERSONAL else ("unit", row["unit_id"])
            facts.counts[(key, row["period_id"])] = facts.counts.get((key, row["period_id"]), 0) + row["n"]

    if Rule.NO_RECENT_CHECK_IN in settings:
        rows = (CheckIn.objects.filter(key_result__objective_id__in=ids).values("key_result_id")
                .annotate(last=Max("created_at")).order_by())
        facts.last_check_in = {row["key_result_id"]: row["last"] for row in rows}

    history_rules = {Rule.CARRIED_OVER, Rule.TOO_SAFE, Rule.TOO_FAR} & set(settings)
    if history_rules:
        depth = max([1] + [settings[c]["periods"] for c in (Rule.TOO_SAFE, Rule.TOO_FAR) if c in settings])
        periods = list(Period.objects.order_by("-start", "pk"))
        earlier: set[int] = set()
        for period in (p for p in periods if p.pk in period_ids):
            before = [p for p in periods if p.kind == period.kind and p.end < period.start][:depth]
            facts.previous_periods[period.pk] = before
            earlier.update(p.pk for p in before)
        if earlier:
            rows = Objective.objects.filter(same_owner, period_id__in=earlier).values(
                "level", "owner_id", "unit_id", "period_id", "title", "state", "score")
            closed: dict[tuple, list[Decimal]] = defaultdict(list)
            for row in rows:
                who = ("person", row["owner_id"]) if row["level"] == Objective.Level.PERSONAL else (
                    "unit", row["unit_id"])
                facts.titles.setdefault((who, row["period_id"]), []).append(row["title"])
                if row["state"] == Objective.State.CLOSED:
                    closed[(who, row["period_id"])].append(row["score"])
            facts.closed_mean = {key: sum(v) / len(v) for key, v in closed.items()}

    if Rule.NOT_ALIGNED in settings:
        # Two indexed reads in one statement (UNION): an OR across the join would read every objective.
        by_objective = Objective.objects.filter(parent_objective_id__in=ids).order_by().values_list(
            "parent_objective_id", flat=True)
        by_key_result = Objective.objects.filter(parent_key_result__objective_id__in=ids).order_by().values_list(
            "parent_key_result__objective_id", flat=True)
        facts.served = set(by_objective.union(by_key_result))
        facts.served.update(Dependency.objects.filter(objective_id__in=ids).exclude(
            state=Dependency.State.DECLINED).values_list("objective_id", flat=True))
    return facts


def silences_for(ids) -> dict[int, dict[tuple[int | None, str], str]]:
    by_objective: dict[int, dict] = defaultdict(dict)
    for objective_id, kr_id, rule, reason in Silence.objects.filter(objective_id__in=ids).values_list(
            "objective_id", "key_result_id", "rule", "reason"):
        by_objective[objective_id][(kr_id, rule)] = reason
    return by_objective


def findings_for(objectives: Iterable[Objective], *, today: dt.date | None = None,
                 source: QuerySet | None = None) -> dict[int, list[Finding]]:
    """Objective id → its findings, silenced ones included (marked). Key results and period must be loaded."""
    objectives = [o for o in objectives if o.state != Objective.State.CLOSED]
    if not objectives:
        return {}
    settings = rule_settings()
    facts = load_facts(objectives, settings=settings, today=today or timezone.localdate(), source=source)
    silences = silences_for(_ids_or_subquery(objectives, source))
    return {o.pk: evaluate(o, facts, settings, silences.get(o.pk)) for o in objectives}


def objective_findings(objective: Objective, *, today: dt.date | None = None) -> list[Finding]:
    return findings_for([objective], today=today).get(objective.pk, [])


def active_findings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if not f.silenced]


def objectives_of_unit(user, unit: Unit, period: Period) -> QuerySet[Objective]:
    """What a unit answers for in a period: the objectives of the unit and the units under it, and the
    personal objectives of their members, as far as ``user`` may see them."""
    return objectives_visible_to(user).filter(period=period).filter(
        Q(unit__lineage__startswith=unit.lineage) & ~Q(level=Objective.Level.PERSONAL)
        | Q(level=Objective.Level.PERSONAL, owner__unit__lineage__startswith=unit.lineage)
    ).order_by("level", "unit__path", "title", "pk")


def unit_summary(user, unit: Unit, period: Period, *, today: dt.date | None = None) -> dict:
    """The findings on a unit's objectives grouped by rule, in the order of the rules; silenced ones apart."""
    source = objectives_of_unit(user, unit, period)
    objectives = list(source)
    findings = findings_for(objectives, today=today, source=source)
    by_id = {o.pk: o for o in objectives}
    groups: dict[str, list] = {code: [] for code in RULES}
    silenced = []
    krs = {kr.pk: kr for o in objectives for kr in o.key_results.all()}
    for objective_id, items in findings.items():
        for finding in items:
            row = {"finding": finding, "objective": by_id[objective_id],
                   "key_result": krs.get(finding.target) if finding.target != "objective" else None}
            (silenced if finding.silenced else groups[finding.rule]).append(row)
    return {
        "unit": unit, "period": period, "objectives": len(objectives),
        "flagged": len({oid for oid, items in findings.items() if active_findings(items)}),
        "groups": [{"rule": code, "label": Rule(code).label, "rows": rows} for code, rows in groups.items() if rows],
        "silenced": silenced,
    }


def silence_detail(user, pk) -> Silence:
    """A silence, visible to whoever reads its objective (404 otherwise)."""
    silence = fetch(Silence.objects.select_related("objective__owner__unit", "objective__unit__lead", "key_result"), pk)
    if not allowed(user, "okrs.view_objective", silence.objective):
        raise Http404
    return silence


def company_of(user) -> Unit | None:
    """The top unit: the company itself."""
    return units_visible_to(user).filter(parent__isnull=True).order_by("pk").first()


def retrospective_unit_detail(user, pk=None) -> Unit:
    """The unit whose retrospective the caller asks for (the company's top unit when ``pk`` is None);
    404 unless the caller may read it."""
    unit = company_of(user) if pk is None else unit_detail(user, pk)
    if unit is None or not allowed(user, "coach.view_retrospective", unit):
        raise Http404
    return unit
