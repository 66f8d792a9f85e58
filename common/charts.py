"""Server-side SVG charts: a key result's value over time against its target, and confidence trends.

Pure functions that turn numbers into coordinates; the templates draw them (``templates/okrs/_chart.html``,
``_sparkline.html``) with presentation attributes only, so a strict content security policy holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 16, 12, 28


@dataclass
class Chart:
    width: int
    height: int
    path: str = ""
    dots: list[dict] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)
    x_labels: list[dict] = field(default_factory=list)
    reference_y: float | None = None
    baseline_y: float | None = None


def _fmt(value) -> str:
    value = Decimal(str(value)).normalize()
    return format(value.quantize(Decimal(1)) if value == value.to_integral() else value, "f")


def line_chart(points: Sequence[tuple], *, low, high, reference=None, baseline=None,
               width: int = 560, height: int = 200) -> Chart:
    """``points`` are ``(date, value)`` oldest first; the y axis runs from ``low`` to ``high`` (swapped when
    ``low`` > ``high``, as for a decrease_to key result, so the line always climbs towards its goal)."""
    low, high = float(low), float(high)
    values = [float(v) for _, v in points]
    lo, hi = min([low, high, *values]), max([low, high, *values])
    if lo == hi:
        hi = lo + 1
    inner_w, inner_h = width - PAD_LEFT - PAD_RIGHT, height - PAD_TOP - PAD_BOTTOM
    falling = low > high

    def y_of(value: float) -> float:
        share = (value - lo) / (hi - lo)
        if falling:
            share = 1 - share
        return round(PAD_TOP + inner_h * (1 - share), 1)

    chart = Chart(width=width, height=height)
    if points:
        first, last = points[0][0], points[-1][0]
        span = max((last - first).total_seconds(), 1) if hasattr(last, "toordinal") else 1

        def x_of(when) -> float:
            if len(points) == 1:
                return PAD_LEFT + inner_w / 2
            return round(PAD_LEFT + inner_w * (when - first).total_seconds() / span, 1)

        coords = [(x_of(when), y_of(value), when, value) for when, value in zip(
            [p[0] for p in points], values, strict=True)]
        chart.path = "M" + " L".join(f"{x},{y}" for x, y, _, _ in coords)
        chart.dots = [{"x": x, "y": y, "when": when, "value": _fmt(value)} for x, y, when, value in coords]
        chart.x_labels = [{"x": coords[0][0], "when": first, "anchor": "start"}]
        if len(coords) > 1:
            chart.x_labels.append({"x": coords[-1][0], "when": last, "anchor": "end"})
    for value in sorted({lo, hi, low, high}):
        chart.ticks.append({"y": y_of(value), "label": _fmt(value)})
    if reference is not None:
        chart.reference_y = y_of(float(reference))
    if baseline is not None:
        chart.baseline_y = y_of(float(baseline))
    return chart


def sparkline(values: Sequence[int], *, high: int = 10, width: int = 72, height: int = 20) -> str:
    """The ``points`` of an SVG polyline for a run of values from 0 to ``high`` (a confidence trend)."""
    if not values:
        return ""
    if len(values) == 1:
        values = [values[0], values[0]]
    step = (width - 4) / (len(values) - 1)
    return " ".join(
        f"{round(2 + i * step, 1)},{round(2 + (height - 4) * (1 - float(v) / high), 1)}" for i, v in enumerate(values)
    )
