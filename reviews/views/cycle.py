"""A cycle's own page, as HR runs it: its configuration at a glance, the work per step and the reviews' progress
per unit, a search of its reviews, and the phase buttons. Every member reads it; only HR admins run the phases,
and each bulk step first shows what it will do (``reviews.selectors.moves``) and runs only once confirmed."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from common.refusal import Refusal, attempt, refused_page
from cycles.models import ReviewCycle
from cycles.selectors import cycle_detail as cycle_of
from workflows.registry import flow_for, transition_labels
from workflows.runner import available_transitions, run_transition, transition_names

from .. import steps
from ..models import Review
from ..selectors import cycle_reviews_matching
from ..selectors.moves import move_preview
from ..selectors.progress import cycle_progress

STEP_LABELS = {
    "goals": gettext_lazy("Goals"), "self_review": gettext_lazy("Self-review"),
    "feedback": gettext_lazy("Feedback"), "manager_review": gettext_lazy("Manager review"),
    "calibration": gettext_lazy("Calibration"), "conversation": gettext_lazy("Results conversation"),
}


@require_GET
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_of(request.user, pk)
    progress = cycle_progress(cycle, request.user)
    states = [(value, label) for value, label in Review.State.choices if value in progress["states"]]
    names = available_transitions(cycle, request.user)
    query = request.GET.get("q", "")
    return render(request, "reviews/cycle.html", {
        "query": query, "matches": cycle_reviews_matching(request.user, cycle, query),
        "cycle": cycle, "progress": progress, "states": states, "transitions": transition_labels(ReviewCycle, names),
        "step_rows": [{"label": STEP_LABELS[step], **progress["steps"][step]} for step in steps.STEPS
                      if steps.applies(cycle, step)],
        "can_change": rules.has_perm("cycles.change_reviewcycle", request.user, cycle),
        "can_add": rules.has_perm("cycles.add_reviewcycle", request.user),
        "deadlines": [(label, cycle.deadline(phase)) for phase, label in ReviewCycle.State.choices
                      if phase in ReviewCycle.PHASES],
    })


@require_http_methods(["GET", "POST"])
def cycle_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """GET: what the step will do, and a confirmation. POST: run it (with the reason and, to skip, the step)."""
    cycle = cycle_of(request.user, pk)
    back = reverse("cycles:detail", args=[cycle.pk])
    if name not in {t for t, _label in _all_labels()}:
        raise Http404("No such step.")
    if not rules.has_perm("cycles.run_reviewcycle", request.user, cycle):
        return refused_page(request, Refusal(403, _("Only HR admins run a cycle's phases.")), back=back)
    if name not in available_transitions(cycle, request.user):
        return refused_page(request, Refusal(409, _("This step is not possible now: the cycle is at “%(state)s”.")
                                             % {"state": cycle.get_state_display()}), back=back)
    step = request.POST.get("step", request.GET.get("step", ""))
    reason = request.POST.get("reason", "").strip()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = {"step": step} if name == "skip_unfinished" else {}
        try:
            attempt(lambda: run_transition(cycle, name, by=request.user, reason=reason, **data))
        except Refusal as refusal:
            if refusal.status != 400:
                return refused_page(request, refusal, back=back)
            errors = refusal.errors
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": dict(_all_labels()).get(name, name)})
            return redirect(back)
    preview = move_preview(cycle, name, request.user, step=step)
    return render(request, "reviews/cycle_move.html", {
        "cycle": cycle, "name": name, "label": dict(_all_labels()).get(name, name), "preview": preview,
        "step": step, "reason": reason, "errors": errors, "step_labels": STEP_LABELS,
        "steps": [(s, STEP_LABELS[s]) for s in steps.STEPS if steps.applies(cycle, s)],
        "reason_required": name == "skip_unfinished",
    }, status=400 if errors else 200)


def _all_labels() -> list[tuple[str, str]]:
    """Every phase step of the cycle flow with its label, whatever the state."""
    return transition_labels(ReviewCycle, transition_names(flow_for(ReviewCycle)))
