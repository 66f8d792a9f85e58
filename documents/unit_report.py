"""The unit OKR report: the objectives of a unit and the units under it for a period, with scores, zones
and each key result's progress over its check-ins. Rendered by ``common.pdf.render_pdf`` from
``templates/pdf/unit_report.html``.

Only what ``objectives_visible_to`` gives the reader appears; personal objectives are left out (the report
is about units), so private objectives never reach it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import timezone, translation

from common.charts import sparkline
from common.pdf import render_pdf
from okrs import scoring
from okrs.models import CheckIn, Objective, Period
from okrs.selectors import objectives_visible_to
from people.models import Unit

TEMPLATE = "pdf/unit_report.html"
SPARK_W, SPARK_H = 110, 22


def unit_report_context(user, unit: Unit, period: Period) -> dict[str, Any]:
    """Three queries: the objectives with their key results, and every check-in of those key results."""
    objectives = list(
        objectives_visible_to(user)
        .filter(unit__lineage__startswith=unit.lineage, period=period)
        .exclude(level=Objective.Level.PERSONAL)
        .order_by("unit__path", "level", "title", "pk")
    )
    kr_ids = [kr.pk for o in objectives for kr in o.key_results.all()]
    history: dict[int, list] = defaultdict(list)
    if kr_ids:
        for row in (CheckIn.objects.filter(key_result_id__in=kr_ids).order_by("key_result_id", "created_at", "pk")
                    .values_list("key_result_id", "value")):
            history[row[0]].append(row[1])
    units: dict[int, dict[str, Any]] = {}
    zones = {"red": 0, "yellow": 0, "green": 0}
    for objective in objectives:
        zone = scoring.zone(objective.score)
        zones[zone] += 1
        krs = []
        for kr in objective.key_results.all():
            progresses = [float(scoring.progress(kr.kind, kr.start, kr.target, v)) for v in history[kr.pk]]
            krs.append({
                "title": kr.title, "progress": f"{float(kr.progress):.2f}", "confidence": kr.confidence,
                "current": kr.current.normalize(), "target": kr.target.normalize(), "unit_label": kr.unit_label,
                "check_ins": len(progresses), "zone": scoring.zone(kr.progress),
                "spark": sparkline([p * 10 for p in progresses], high=10, width=SPARK_W, height=SPARK_H),
            })
        entry = units.setdefault(objective.unit_id, {"unit": objective.unit, "objectives": []})
        entry["objectives"].append({"objective": objective, "score": f"{float(objective.score):.2f}", "zone": zone,
                                    "level": objective.get_level_display(), "state": objective.get_state_display(),
                                    "key_results": krs})
    scores = [float(o.score) for o in objectives]
    return {
        "unit": unit, "period": period, "units": list(units.values()), "objectives_count": len(objectives),
        "average": f"{sum(scores) / len(scores):.2f}" if scores else None, "zones": zones,
        "spark_w": SPARK_W, "spark_h": SPARK_H, "generated_at": timezone.now(),
    }


def unit_report_pdf(user, unit: Unit, period: Period, *, language: str) -> bytes:
    with translation.override(language):
        return render_pdf(TEMPLATE, unit_report_context(user, unit, period), language=language)
