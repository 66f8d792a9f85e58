"""Template helpers of the goals pages: the policy per object, zones in words, percentages, charts."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from common import charts
from okrs import rules as policy
from okrs.scoring import zone

register = template.Library()

ZONE_LABELS = {"red": _("Off track"), "yellow": _("At risk"), "green": _("On track")}


@register.simple_tag
def allowed(user, perm: str, obj) -> bool:
    """The goals policy for one object, without guardian's per-object queries (see ``okrs.rules.allowed``)."""
    return policy.allowed(user, perm, obj)


@register.filter
def zone_of(value) -> str:
    return zone(value if value is not None else 0)


@register.filter
def zone_label(name: str) -> str:
    return ZONE_LABELS.get(name, "")


@register.filter
def percent(value) -> int:
    """A 0..1 fraction as a whole percentage."""
    if value is None:
        return 0
    return int((Decimal(str(value)) * 100).quantize(Decimal(1)))


@register.filter
def score2(value) -> str:
    """A score as OKR practitioners write it: 0.0–1.0 with two places, in the reader's decimal mark."""
    return number_format(Decimal(str(value or 0)), 2)


@register.filter
def number(value) -> str:
    """A stored decimal without trailing zeros (12.5000 → 12.5)."""
    if value is None:
        return ""
    value = Decimal(str(value))
    return format(value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize(), "f")


@register.filter
def sparkline(values) -> str:
    return charts.sparkline(list(values or []))
