"""The period retrospective of a unit (with its sub-units and their members) or of the company.

Figures, for the objectives the reader may see that were committed to (agreed, active or closed):
- the share of objectives in each zone (``okrs.scoring.zone`` on the stored score);
- the score distribution, in ten buckets of 0.1 (a score of 1 falls in the last);
- the average confidence of the check-ins of each week of the period;
- check-in frequency: check-ins per key result per week, each week and over the weeks so far;
- contribution requests asked of the unit and asked by it: requested, accepted, declined, and honoured —
  accepted, and the key result asked for (or the objective, when none was named) reached 0.7 or more by
  its grade when closed, else its progress (score).

Five queries whatever the size of the unit. The company's retrospective is the top unit's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from common.charts import line_chart
from okrs import scoring
from okrs.models import CheckIn, Dependency, KeyResult, Objective, Period
from okrs.selectors import dependencies_visible_to, period_detail, periods_visible_to
from people.models import Unit

from .selectors import objectives_of_unit, retrospective_unit_detail

COMMITTED = (Objective.State.AGREED, Objective.State.ACTIVE, Objective.State.CLOSED)
ZONES = ("green", "yellow", "red")
BUCKETS = 10
HONOURED_FROM = scoring.GREEN_FROM


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _weeks(period: Period, today: dt.date) -> list[dt.date]:
    """The Mondays of the weeks of the period up to today (all of them once it is over)."""
    last = min(period.end, today)
    monday = period.start - dt.timedelta(days=period.start.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def _bucket(score: Decimal) -> int:
    return min(int(score * BUCKETS), BUCKETS - 1)


def _honoured(dep: Dependency) -> bool:
    if dep.state != Dependency.State.ACCEPTED:
        return False
    kr = dep.key_result
    if kr is not None:
        reached = kr.grade if kr.grade is not None else kr.progress
    else:
        reached = dep.objective.score
    return reached >= HONOURED_FROM


def _dependency_counts(deps: list[Dependency]) -> dict:
    counts = {state: 0 for state in Dependency.State.values}
    for dep in deps:
        counts[dep.state] += 1
    honoured = sum(1 for dep in deps if _honoured(dep))
    return {"total": len(deps), **counts, "honoured": honoured,
            "honoured_share": _share(honoured, counts[Dependency.State.ACCEPTED])}


def company_unit() -> Unit | None:
    return Unit.objects.filter(parent__isnull=True).order_by("pk").first()


def retrospective(user, unit: Unit, period: Period, *, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    source = objectives_of_unit(user, unit, period).filter(state__in=COMMITTED)
    rows = list(source.values_list("pk", "score"))
    scores = [score for _pk, score in rows]

    zones = {zone: 0 for zone in ZONES}
    buckets = [0] * BUCKETS
    for score in scores:
        zones[scoring.zone(score)] += 1
        buckets[_bucket(score)] += 1

    key_results = KeyResult.objects.filter(objective__in=source.values("pk")).count()
    weeks = _weeks(period, today)
    start_at = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min))
    per_day = (CheckIn.objects.filter(key_result__objective__in=source.values("pk"), created_at__gte=start_at,
                                      created_at__lt=end_at)
               .annotate(day=TruncDate("created_at")).values("day")
               .annotate(n=Count("pk"), confidence=Avg("confidence")).order_by("day"))
    by_week: dict[dt.date, list] = {week: [0, 0.0] for week in weeks}
    for row in per_day:
        week = row["day"] - dt.timedelta(days=row["day"].weekday())
        if week in by_week:
            by_week[week][0] += row["n"]
            by_week[week][1] += row["n"] * float(row["confidence"])
    weekly = [{
        "week": week, "check_ins": n,
        "confidence": round(total / n, 2) if n else None,
        "per_key_result": round(n / key_results, 2) if key_results else 0.0,
    } for week, (n, total) in by_week.items()]
    check_ins = sum(w["check_ins"] for w in weekly)

    deps = dependencies_visible_to(user).filter(objective__period=period).filter(
        Q(to_unit__lineage__startswith=unit.lineage) | Q(from_unit__lineage__startswith=unit.lineage)
    ).select_related("objective", "key_result")
    deps = list(deps)
    asked_of = [d for d in deps if d.to_unit.lineage.startswith(unit.lineage)]
    asked_by = [d for d in deps if d.from_unit.lineage.startswith(unit.lineage)]

    return {
        "unit": unit, "period": period, "company": unit.parent_id is None, "today": today,
        "objectives": len(scores),
        "average": (sum(scores) / len(scores)).quantize(Decimal("0.01")) if scores else None,
        "zones": [{"zone": z, "count": zones[z], "share": _share(zones[z], len(scores))} for z in ZONES],
        "distribution": [{"low": Decimal(i) / BUCKETS, "high": Decimal(i + 1) / BUCKETS, "count": buckets[i]}
                         for i in range(BUCKETS)],
        "key_results": key_results, "check_ins": check_ins,
        "check_ins_per_key_result_per_week": (
            round(check_ins / (key_results * len(weeks)), 2) if key_results and weeks else 0.0),
        "weekly": weekly,
        "dependencies": {"asked_of": _dependency_counts(asked_of), "asked_by": _dependency_counts(asked_by)},
    }


def retrospective_context(user, unit_id: int | None, period_value) -> dict:
    """What the retrospective shows, for its page and its PDF: the company's (no ``unit_id``) or a unit's,
    for the period named by id or code (the current quarter when empty); 404 unless ``user`` may read it."""
    unit = retrospective_unit_detail(user, unit_id)
    period = period_detail(user, period_value)
    data = retrospective(user, unit, period)
    return {**data, "charts": charts_of(data), "period": period,
            "periods": list(periods_visible_to(user).order_by("start", "-end")), "generated_at": timezone.now()}


def charts_of(data: dict) -> dict:
    """Coordinates of the retrospective's charts (drawn by ``coach/_bars.html`` and ``okrs/_chart.html``)."""
    confidence_points = [(w["week"], w["confidence"]) for w in data["weekly"] if w["confidence"] is not None]
    return {
        "zones": stacked_bar(data["zones"]),
        "distribution": bar_chart([(f"{b['low']:.1f}", b["count"]) for b in data["distribution"]],
                                  zones=[scoring.zone(b["low"]) for b in data["distribution"]]),
        "confidence": line_chart(confidence_points, low=0, high=10),
        "frequency": bar_chart([(w["week"].strftime("%m-%d"), w["per_key_result"]) for w in data["weekly"]],
                               decimals=True),
    }


def stacked_bar(zones: list[dict], *, width: int = 560, height: int = 36) -> dict:
    x, parts = 0.0, []
    for item in zones:
        w = round(width * item["share"] / 100, 1)
        parts.append({**item, "x": round(x, 1), "width": w, "text_x": round(x + w / 2, 1)})
        x += w
    return {"width": width, "height": height, "parts": parts}


def bar_chart(items: list[tuple[str, float]], *, zones: list[str] | None = None, decimals: bool = False,
              width: int = 560, height: int = 180) -> dict:
    """Vertical bars with their value above and their label below."""
    pad_left, pad_bottom, pad_top = 8, 22, 16
    high = max([value for _, value in items] + [1])
    slot = (width - pad_left) / max(len(items), 1)
    inner = height - pad_bottom - pad_top
    bars = []
    for i, (label, value) in enumerate(items):
        h = round(inner * float(value) / float(high), 1)
        x = round(pad_left + i * slot + slot * 0.15, 1)
        bars.append({
            "label": label, "value": f"{value:.2f}" if decimals else value, "x": x, "width": round(slot * 0.7, 1),
            "y": round(pad_top + inner - h, 1), "height": h, "mid": round(x + slot * 0.35, 1),
            "zone": zones[i] if zones else "",
        })
    return {"width": width, "height": height, "bars": bars, "base_y": pad_top + inner, "label_y": height - 6}
