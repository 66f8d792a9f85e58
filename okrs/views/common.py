"""What the goals views share: access-checked fetches (404 when the caller may not see the object),
the period a page shows, and turning a service's ValidationError into form errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.utils import timezone

from people.models import Person, Unit
from people.selectors import people_visible_to, units_visible_to

from .. import rules as policy
from .. import selectors
from ..models import DevelopmentGoal, KeyResult, Objective, Period


def get_objective_for_user(request: HttpRequest, pk: int) -> Objective:
    try:
        return selectors.objectives_visible_to(request.user).select_related(
            "parent_objective", "parent_key_result__objective", "created_by").get(pk=pk)
    except Objective.DoesNotExist:
        raise Http404 from None


def get_key_result_for_user(request: HttpRequest, pk: int) -> KeyResult:
    try:
        return selectors.key_results_visible_to(request.user).select_related("objective__period").get(pk=pk)
    except KeyResult.DoesNotExist:
        raise Http404 from None


def get_unit_for_user(request: HttpRequest, pk: int) -> Unit:
    try:
        return units_visible_to(request.user).get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None


def get_person_for_user(request: HttpRequest, pk: int) -> Person:
    try:
        return people_visible_to(request.user).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def get_development_goal_for_user(request: HttpRequest, pk: int) -> DevelopmentGoal:
    try:
        return selectors.development_goals_visible_to(request.user).get(pk=pk)
    except DevelopmentGoal.DoesNotExist:
        raise Http404 from None


def chosen_period(request: HttpRequest) -> tuple[Period | None, list[Period]]:
    """The period a list page shows (``?period=2027-Q1``; the current quarter by default) and the choices."""
    periods = list(selectors.periods_visible_to(request.user).order_by("start", "-end"))
    code = request.GET.get("period", "")
    chosen = next((p for p in periods if p.code == code), None)
    if chosen is None:
        chosen = selectors.period_of_day(periods, timezone.localdate()) or (periods[-1] if periods else None)
    return chosen, periods


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else on the form as a whole."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def problem(request: HttpRequest, *, status: int, title: str, message: str, back: str = ""):
    """A friendly page for a refused action (403, 409, 400) instead of a bare error."""
    return render(request, "okrs/problem.html", {"title": title, "message": message, "back": back}, status=status)


def may(request: HttpRequest, perm: str, obj) -> bool:
    return policy.allowed(request.user, perm, obj)
