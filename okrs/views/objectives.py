"""An objective's page, its transitions and its forms; key results, check-ins and dependency answers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from common import charts
from common.refusal import Refusal, put_on_form, refusal_from, refused_page
from people.models import Unit
from people.roles import roles_of
from workflows.errors import TransitionConflict, TransitionForbidden
from workflows.runner import available_transitions, run_transition

from .. import selectors, services
from ..forms import ObjectiveForm, ReasonForm
from ..models import Dependency, KeyResult, Objective
from ..rules import led_unit_lineages
from .common import chosen_period, may, render_form

TRANSITION_LABELS = {
    "submit": gettext_lazy("Propose"), "agree": gettext_lazy("Agree"), "return": gettext_lazy("Return"),
    "activate": gettext_lazy("Activate"), "close": gettext_lazy("Close"),
}


def _ancestors(objective: Objective) -> list[Objective]:
    """The cascade above an objective, top first; one query per level (the tree is a few levels deep)."""
    line, node, seen = [], objective.parent, {objective.pk}
    while node is not None and node.pk not in seen and len(line) < 10:
        line.append(node)
        seen.add(node.pk)
        node = Objective.objects.select_related("parent_objective", "parent_key_result__objective").get(
            pk=node.pk).parent
    return line[::-1]


def objective_detail(request, pk: int):
    objective = selectors.objective_detail(request.user, pk)
    return render(request, "okrs/objective.html", detail_context(request, objective))


def detail_context(request, objective: Objective, *, refusal: Refusal | None = None, failed: dict | None = None):
    """The objective's page; after a refused step (a return or a contribution's answer without its reason),
    ``refusal`` and ``failed`` put the message beside the field and keep what was typed."""
    history = list(selectors.check_in_history(request.user, objective))
    key_results = []
    for kr in objective.key_results.all():
        own = [c for c in history if c.key_result_id == kr.pk]
        chart = charts.line_chart([(c.created_at, c.value) for c in own], low=kr.start, high=kr.target,
                                  reference=kr.target, baseline=kr.start)
        key_results.append({"kr": kr, "id": f"chart-{kr.pk}", "chart": chart, "check_ins": own[-5:][::-1]})
    return {
        "refusal": refusal, "failed": failed or {},
        "objective": objective, "key_results": key_results, "ancestors": _ancestors(objective),
        "children": list(selectors.objective_tree_children(request.user, objective.pk)),
        "dependencies": list(selectors.dependencies_visible_to(request.user).filter(objective=objective)
                             .select_related("to_unit__lead")),
        "transitions": [(name, TRANSITION_LABELS.get(name, name))
                        for name in available_transitions(objective, request.user)],
        "may_edit": may(request, "okrs.change_objective", objective),
        "may_add_kr": may(request, "okrs.add_keyresult", KeyResult(objective=objective)),
        "may_ask": objective.unit_id is not None and objective.level != Objective.Level.PERSONAL
        and may(request, "okrs.add_dependency", Dependency(objective=objective)),
        "reason_form": ReasonForm(),
    }


@require_POST
def objective_transition(request, pk: int, name: str):
    objective = selectors.objective_detail(request.user, pk)
    back = reverse("okrs:objective", args=[objective.pk])
    reason = request.POST.get("reason", "")
    try:
        run_transition(objective, name, by=request.user, reason=reason)
    except TransitionForbidden:
        message = _("You may see this objective, but this step belongs to someone else.")
        return refused_page(request, Refusal(403, message, title=_("Not yours to do")), back=back)
    except TransitionConflict as exc:
        message = _("The objective is %(state)s now: %(detail)s") % {"state": exc.label, "detail": exc.detail}
        return refused_page(request, Refusal(409, message, title=_("This step cannot run now")), back=back)
    except ValidationError as exc:
        # The page again, the message beside the reason and the text kept (a close's grades: on the form).
        refusal = refusal_from(exc).label({"reason": (_("Reason"), "return-reason")})
        return render(request, "okrs/objective.html", detail_context(
            request, objective, refusal=refusal, failed={"transition": name, "reason": reason}), status=400)
    messages.success(request, _("Done: %(step)s.") % {"step": TRANSITION_LABELS.get(name, name)})
    return redirect(back)


def _editable_units(request):
    roles = roles_of(request.user)
    units = Unit.objects.order_by("path")
    if roles.hr_admin:
        return units
    lineages = led_unit_lineages(request.user)
    if not lineages:
        return units.none()
    q = Q()
    for lineage in lineages:
        q |= Q(lineage__startswith=lineage)
    return units.filter(q)


def _parents(request, unit: Unit | None, period):
    """Candidate parents: objectives of the unit's line (or the person's) in periods around this one."""
    me = roles_of(request.user).person
    anchor = unit or (me.unit if me else None)
    if anchor is None or period is None:
        return []
    return list(
        selectors.objectives_visible_to(request.user)
        .filter(unit_id__in=anchor.ancestor_ids, period__start__lte=period.start, period__end__gte=period.end)
        .exclude(level=Objective.Level.PERSONAL).order_by("unit__depth", "level", "pk")
    )


@require_http_methods(["GET", "POST"])
def objective_create(request):
    period, _periods = chosen_period(request)
    unit_id = request.GET.get("unit", "")
    unit = Unit.objects.filter(pk=int(unit_id)).first() if unit_id.isdigit() else None
    level = request.GET.get("level") or (Objective.Level.TEAM if unit else Objective.Level.PERSONAL)
    form = ObjectiveForm(request.POST or None, units=_editable_units(request), parents=_parents(request, unit, period),
                         initial={"level": level, "unit": unit, "period": period})
    if request.method == "POST" and form.is_valid():
        try:
            objective = services.objective_create(by=request.user, **form.service_fields())
        except ValidationError as exc:
            put_on_form(form, exc)
        except PermissionDenied:
            form.add_error(None, _("You may not add this objective: choose your own or a unit you lead."))
        else:
            messages.success(request, _("Objective created as a draft. Add its key results, then propose it."))
            return redirect("okrs:key_result_new", objective.pk)
    return render_form(request, "okrs/objective_form.html", form, {"objective": None})


@require_http_methods(["GET", "POST"])
def objective_edit(request, pk: int):
    objective = selectors.objective_detail(request.user, pk)
    if not may(request, "okrs.change_objective", objective):
        raise PermissionDenied
    parent = f"k{objective.parent_key_result_id}" if objective.parent_key_result_id else (
        f"o{objective.parent_objective_id}" if objective.parent_objective_id else "")
    initial = {f: getattr(objective, f) for f in ("title", "description", "level", "unit", "period", "private")}
    form = ObjectiveForm(request.POST or None, initial={**initial, "parent": parent}, locked=objective.is_locked,
                         units=_editable_units(request) | Unit.objects.filter(pk=objective.unit_id),
                         parents=_parents(request, objective.unit, objective.period))
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_update(objective=objective, by=request.user, **form.service_fields())
        except ValidationError as exc:
            put_on_form(form, exc)
        else:
            messages.success(request, _("Objective saved."))
            return redirect("okrs:objective", objective.pk)
    return render_form(request, "okrs/objective_form.html", form, {"objective": objective})
