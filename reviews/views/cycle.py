"""A cycle's own page, as HR runs it: its configuration at a glance, the reviews' progress per state and unit,
a search of its reviews, and the phase buttons. Every member reads it; only HR admins run the phases."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.refusal import Refusal, attempt, refused_page
from cycles.models import ReviewCycle
from cycles.selectors import cycle_detail as cycle_of
from workflows.registry import transition_labels
from workflows.runner import available_transitions, run_transition

from ..models import Review
from ..selectors import cycle_reviews_matching
from ..selectors.progress import cycle_progress


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
        "can_change": rules.has_perm("cycles.change_reviewcycle", request.user, cycle),
        "can_add": rules.has_perm("cycles.add_reviewcycle", request.user),
        "deadlines": [(label, cycle.deadline(phase)) for phase, label in ReviewCycle.State.choices
                      if phase in ReviewCycle.PHASES],
    })


@require_POST
def cycle_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    cycle = cycle_of(request.user, pk)
    try:
        attempt(lambda: run_transition(cycle, name, by=request.user))
    except Refusal as refusal:
        return refused_page(request, refusal, back=reverse("cycles:detail", args=[cycle.pk]))
    messages.success(request, _("Done."))
    return redirect("cycles:detail", pk=cycle.pk)
