"""A person's development plan: seen by the person, their management chain and HR (404 for anyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.refusal import put_on_form
from people.selectors import person_detail

from .. import selectors, services
from ..forms import DevelopmentGoalForm
from ..models import DevelopmentGoal
from .common import may, render_form

# What is being worked on first, what is done or dropped last.
STATUS_ORDER = {"in_progress": 0, "planned": 1, "done": 2, "dropped": 3}


def _person_in_scope(request, person_id: int):
    person = person_detail(request.user, person_id)
    if not may(request, "okrs.view_developmentgoal", DevelopmentGoal(person=person)):
        raise Http404
    return person


@require_GET
def development_list(request, person_id: int):
    person = _person_in_scope(request, person_id)
    goals = selectors.development_goals_visible_to(request.user).filter(person=person).order_by("due_date", "pk")
    goals = sorted(goals, key=lambda g: STATUS_ORDER.get(g.status, 9))
    return render(request, "okrs/development.html", {
        "person": person, "goals": goals,
        "may_add": may(request, "okrs.add_developmentgoal", DevelopmentGoal(person=person)),
    })


@require_http_methods(["GET", "POST"])
def development_create(request, person_id: int):
    person = _person_in_scope(request, person_id)
    if not may(request, "okrs.add_developmentgoal", DevelopmentGoal(person=person)):
        raise PermissionDenied
    form = DevelopmentGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.development_goal_create(by=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            put_on_form(form, exc)
        else:
            messages.success(request, _("Development goal added."))
            return redirect("okrs:development", person.pk)
    return render_form(request, "okrs/development_form.html", form, {"person": person, "goal": None})


@require_http_methods(["GET", "POST"])
def development_edit(request, pk: int):
    goal = selectors.development_goal_detail(request.user, pk)
    if not may(request, "okrs.change_developmentgoal", goal):
        raise PermissionDenied
    form = DevelopmentGoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.development_goal_update(goal=goal, by=request.user, **{
                f: form.cleaned_data[f] for f in form.changed_data})
        except ValidationError as exc:
            put_on_form(form, exc)
        else:
            messages.success(request, _("Development goal saved."))
            return redirect("okrs:development", goal.person_id)
    return render_form(request, "okrs/development_form.html", form, {"person": goal.person, "goal": goal})
