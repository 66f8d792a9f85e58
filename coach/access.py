"""Access-checked fetches the coach's pages and API share: 404 for whatever the caller may not see."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from okrs.models import Objective, Period
from okrs.rules import allowed
from okrs.selectors import objectives_visible_to, period_of_day, periods_visible_to
from people.models import Unit
from people.selectors import units_visible_to

from .models import Silence


def objective_for(user, pk) -> Objective:
    try:
        return objectives_visible_to(user).get(pk=pk)
    except (Objective.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def silence_for(user, pk) -> Silence:
    try:
        silence = Silence.objects.select_related("objective__owner__unit", "objective__unit__lead",
                                                 "key_result").get(pk=pk)
    except (Silence.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not allowed(user, "okrs.view_objective", silence.objective):
        raise Http404
    return silence


def period_for(user, value) -> Period:
    """``value`` is a period's id or code; empty means the current quarter."""
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


def unit_for(user, pk) -> Unit:
    try:
        return units_visible_to(user).get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def company_of(user) -> Unit | None:
    """The top unit: the company itself."""
    return units_visible_to(user).filter(parent__isnull=True).order_by("pk").first()


def retrospective_unit_for(user, pk=None) -> Unit:
    """The unit whose retrospective the caller asks for (the company's top unit when ``pk`` is None);
    404 unless the caller may read it."""
    if pk is None:
        unit = company_of(user)
        if unit is None:
            raise Http404
    else:
        unit = unit_for(user, pk)
    if not allowed(user, "coach.view_retrospective", unit):
        raise Http404
    return unit
