"""The four-quadrant weekly board of a team or a person: priorities, plans, health, and the OKR quadrant."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.refusal import form_refusal, put_on_form
from people.roles import roles_of
from people.selectors import person_detail, unit_detail

from .. import selectors, services
from ..forms import WeeklyPlanForm
from ..models import WeeklyPlan
from .common import may


def _week(request) -> dt.date:
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    # The board links a week on either side: keep clear of the calendar's ends.
    return services.week_start(day if dt.date(1900, 1, 8) <= day <= dt.date(9999, 12, 1) else timezone.localdate())


def my_board(request):
    me = roles_of(request.user).person
    if me is None:
        return redirect("okrs:tree")
    if me.unit_id is None:
        return redirect("okrs:person_board", me.pk)
    return redirect("okrs:unit_board", me.unit_id)


@require_http_methods(["GET", "POST"])
def unit_board(request, unit_id: int):
    return _board(request, unit=unit_detail(request.user, unit_id))


@require_http_methods(["GET", "POST"])
def person_board(request, person_id: int):
    return _board(request, person=person_detail(request.user, person_id))


def _board(request, *, unit=None, person=None):
    probe = WeeklyPlan(unit=unit, person=person)
    if not may(request, "okrs.view_weeklyplan", probe):
        raise Http404
    week = _week(request)
    writable = may(request, "okrs.change_weeklyplan", probe)
    here = (reverse("okrs:unit_board", args=[unit.pk]) if unit else reverse("okrs:person_board", args=[person.pk]))
    form = None
    if request.method == "POST":
        if not writable:
            raise PermissionDenied
        form = WeeklyPlanForm(request.POST)
        if form.is_valid():
            try:
                services.weekly_plan_save(by=request.user, unit=unit, person=person, week=week, **form.cleaned_data)
            except ValidationError as exc:
                put_on_form(form, exc)
            else:
                messages.success(request, _("Board saved."))
                return redirect(f"{here}?week={week.isoformat()}")
    board = selectors.weekly_board(request.user, unit=unit, person=person, week=week)
    if form is None and writable and request.GET.get("edit"):
        plan = board["plan"]
        form = WeeklyPlanForm(initial={
            "priorities": plan.priorities, "plans_next_weeks": plan.plans_next_weeks, "health": plan.health,
            "health_notes": plan.health_notes} if plan else {"health": WeeklyPlan.Health.GREEN})
    return render(request, "okrs/board.html", {
        "board": board, "form": form, "writable": writable, "here": here,
        "this_week": services.week_start(timezone.localdate()),
        "refusal": form_refusal(form) if request.method == "POST" and form is not None and form.errors else None,
    }, status=400 if request.method == "POST" else 200)
