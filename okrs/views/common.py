"""What the goals views share: the period a page shows and the policy question for buttons. Objects are
fetched through the selectors' ``…_detail(user, pk)`` (404 when the caller may not see them)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from common.refusal import form_refusal

from .. import rules as policy
from .. import selectors
from ..models import Period


def chosen_period(request: HttpRequest) -> tuple[Period | None, list[Period]]:
    """The period a list page shows (``?period=2027-Q1``; the current quarter by default) and the choices."""
    periods = list(selectors.periods_visible_to(request.user).order_by("start", "-end"))
    code = request.GET.get("period", "")
    chosen = next((p for p in periods if p.code == code), None)
    if chosen is None:
        chosen = selectors.period_of_day(periods, timezone.localdate()) or (periods[-1] if periods else None)
    return chosen, periods


def may(request: HttpRequest, perm: str, obj) -> bool:
    return policy.allowed(request.user, perm, obj)


def render_form(request: HttpRequest, template: str, form, context: dict) -> HttpResponse:
    """A form page: after a refused POST (400) with the summary of its errors, each linked to its field."""
    refused = request.method == "POST" and bool(form.errors)
    return render(request, template, {**context, "form": form, "refusal": form_refusal(form) if refused else None},
                  status=400 if request.method == "POST" else 200)
