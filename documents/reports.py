"""The cycle report for HR: completion, the distribution of final ratings, and a table per unit.

Read through the cycles and reviews selectors, so an HR partner's report covers their units only.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, IntegerField
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from common.pdf import render_pdf
from cycles.models import ReviewCycle
from reviews.models import Review
from reviews.selectors.dashboard import hr_reviews
from reviews.selectors.progress import cycle_progress

TEMPLATE = "pdf/cycle_report.html"
BAR_MAX = 260
STEP_LABELS = {
    "goals": gettext_lazy("Goals agreed"), "self_review": gettext_lazy("Self-reviews submitted"),
    "feedback": gettext_lazy("Feedback answered"), "manager_review": gettext_lazy("Manager reviews submitted"),
    "calibration": gettext_lazy("Ratings final"), "conversation": gettext_lazy("Results conversations held"),
}


def cycle_report_context(user, cycle: ReviewCycle) -> dict[str, Any]:
    progress = cycle_progress(cycle, user)
    rows = (
        hr_reviews(user, cycle).exclude(state=Review.State.WITHDRAWN)  # never the reader's own rating
        .annotate(final=Coalesce("calibrated_rating", "preliminary_rating", output_field=IntegerField()))
        .values("unit_id", "final").annotate(n=Count("pk"))
    )
    overall: dict[Any, int] = defaultdict(int)
    by_unit: dict[Any, dict[Any, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        overall[row["final"]] += row["n"]
        by_unit[row["unit_id"]][row["final"]] += row["n"]
    levels = [(level.value, level.label) for level in cycle.final_scale.levels.all()]
    rated = sum(n for value, n in overall.items() if value is not None)
    peak = max([overall.get(v, 0) for v, _ in levels] + [1])
    distribution = [{
        "value": value, "label": label, "count": overall.get(value, 0),
        "share": f"{100 * overall.get(value, 0) / rated:.0f}%" if rated else "—",
        "bar": round(BAR_MAX * overall.get(value, 0) / peak, 1),
    } for value, label in levels]

    def released(states: dict[str, int]) -> int:
        return sum(n for state, n in states.items() if state in Review.RELEASED_STATES)

    total = progress["total"] - progress["states"].get(Review.State.WITHDRAWN, 0)
    units = []
    for unit in progress["units"]:
        unit_total = unit["total"] - unit["states"].get(Review.State.WITHDRAWN, 0)
        ratings = by_unit.get(unit["unit"], {})
        # Done means done: a step HR skipped, or one still open or late, is not counted here.
        units.append({
            "path": unit["path"] or "—", "total": unit_total, "self_done": unit["steps"]["self_review"]["done"],
            "manager_done": unit["steps"]["manager_review"]["done"], "released": released(unit["states"]),
            "ratings": [ratings.get(value, 0) for value, _ in levels],
        })
    state_labels = dict(Review.State.choices)
    step_rows = [{"label": STEP_LABELS[step], **counts, "total": sum(counts.values())}
                 for step, counts in progress["steps"].items() if step != "calibration" or cycle.calibration_phase]
    return {
        "cycle": cycle, "periods": [p.code for p in cycle.periods.all()], "total": total,
        "self_done": progress["steps"]["self_review"]["done"], "steps": step_rows,
        "manager_done": progress["steps"]["manager_review"]["done"],
        "released": released(progress["states"]), "rated": rated,
        "states": [{"label": state_labels.get(s, s), "count": n} for s, n in progress["states"].items()],
        "distribution": distribution, "levels": levels, "units": units, "bar_max": BAR_MAX,
        "chart_height": 16 * len(levels) + 4, "generated_at": timezone.now(),
    }


def cycle_report_pdf(user, cycle: ReviewCycle, *, language: str) -> bytes:
    with translation.override(language):
        return render_pdf(TEMPLATE, cycle_report_context(user, cycle), language=language)
