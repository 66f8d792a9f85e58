"""Lists of goals: my goals, a person's, my team's and a unit's — each a fixed number of queries."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from people.models import Unit
from people.roles import roles_of
from people.selectors import person_detail, unit_detail

from .. import selectors
from ..models import DevelopmentGoal, Objective
from .common import chosen_period, may

MEMBERS_SHOWN = 100
DEPENDENCIES_SHOWN = 50


@require_GET
def my_goals(request):
    me = roles_of(request.user).person
    if me is None:
        return redirect("okrs:tree")
    return _person_page(request, me)


@require_GET
def person_goals(request, person_id: int):
    return _person_page(request, person_detail(request.user, person_id))


def _person_page(request, person):
    period, periods = chosen_period(request)
    objectives = list(selectors.objectives_for_person(request.user, person, period=period).order_by("pk"))
    elsewhere = list(
        selectors.key_results_visible_to(request.user)
        .filter(owner=person, objective__period=period)
        .exclude(objective__level=Objective.Level.PERSONAL)
        .order_by("objective_id", "position", "pk")
    ) if period else []
    mine = person.pk == getattr(roles_of(request.user).person, "pk", None)
    return render(request, "okrs/person_goals.html", {
        "person": person, "mine": mine, "period": period, "periods": periods, "objectives": objectives,
        "elsewhere": elsewhere,
        "may_add": may(request, "okrs.add_objective", Objective(level=Objective.Level.PERSONAL, owner=person)),
        "may_see_development": may(request, "okrs.view_developmentgoal", DevelopmentGoal(person=person)),
    })


@require_GET
def team_goals(request):
    me = roles_of(request.user).person
    if me is None or me.unit_id is None:
        return redirect("okrs:tree")
    return _unit_page(request, me.unit, mine=True)


@require_GET
def unit_goals(request, unit_id: int):
    return _unit_page(request, unit_detail(request.user, unit_id), mine=False)


def _unit_page(request, unit: Unit, *, mine: bool):
    period, periods = chosen_period(request)
    objectives = list(selectors.objectives_for_unit(request.user, unit, period=period).order_by("level", "pk"))
    members = list(
        selectors.objectives_visible_to(request.user)
        .filter(level=Objective.Level.PERSONAL, owner__unit=unit, period=period)
        .prefetch_related(None)  # the table shows no key results: no query that runs only when it has rows
        .order_by("owner__full_name", "pk")[:MEMBERS_SHOWN]
    )
    dependencies = list(
        selectors.dependencies_of_unit(request.user, unit).select_related("to_unit__lead")[:DEPENDENCIES_SHOWN]
    )
    line = list(Unit.objects.filter(pk__in=unit.ancestor_ids).exclude(pk=unit.pk).order_by("depth"))
    children = list(Unit.objects.filter(parent=unit).select_related("lead").order_by("name"))
    probe = Objective(level=Objective.Level.UNIT if unit.parent_id else Objective.Level.COMPANY, unit=unit)
    return render(request, "okrs/unit_goals.html", {
        "unit": unit, "mine": mine, "period": period, "periods": periods, "objectives": objectives,
        "members": members, "asked": [d for d in dependencies if d.from_unit_id == unit.pk],
        "received": [d for d in dependencies if d.to_unit_id == unit.pk], "line": line, "children": children,
        "may_add": may(request, "okrs.add_objective", probe),
    })
