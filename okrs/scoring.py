"""The scoring maths, pure: progress of a key result, the weighted score of an objective, its zone.

Stored values are rounded to four places; an objective's score is the weighted mean of its key
results' *stored* progress, so recomputing from stored rows always gives the stored score back.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal

PLACES = Decimal("0.0001")
ZERO, ONE = Decimal(0), Decimal(1)
RED_BELOW = Decimal("0.3")
GREEN_FROM = Decimal("0.7")


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def quantize(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_EVEN)


def progress(kind: str, start, target, current) -> Decimal:
    """clamp((current − start)/(target − start), 0, 1); a boolean key result is 0 or 1."""
    start, target, current = _dec(start), _dec(target), _dec(current)
    if kind == "boolean":
        return ONE if current >= 1 else ZERO
    if target == start:
        # Refused on input; an old row like this counts as done once reached.
        return ONE if current == target else ZERO
    raw = (current - start) / (target - start)
    return quantize(min(ONE, max(ZERO, raw)))


def score(items: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """Weighted mean of ``(progress, weight)`` pairs; 0 for an objective with no key results."""
    total = weights = ZERO
    for prog, weight in items:
        prog, weight = _dec(prog), _dec(weight)
        total += prog * weight
        weights += weight
    if weights <= 0:
        return ZERO
    return quantize(min(ONE, max(ZERO, total / weights)))


def zone(value) -> str:
    """red below 0.3, yellow from 0.3 to below 0.7, green from 0.7."""
    value = _dec(value)
    if value < RED_BELOW:
        return "red"
    if value < GREEN_FROM:
        return "yellow"
    return "green"
