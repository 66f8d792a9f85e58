"""HR's pages for review cycles' configuration: the list, create, edit and copy. A cycle's own page (its
progress and phase buttons) belongs to the reviews it runs: ``reviews.views.cycle``. Every member reads cycles;
only HR admins change them (403 for the rest)."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.refusal import Refusal, attempt, forbid, put_on_form, refused_page
from workflows.participants import cycle_sync_participants

from . import selectors
from .forms import CycleForm
from .models import ReviewCycle
from .selectors import cycles_visible_to
from .services import cycle_copy, cycle_create, cycle_update


@require_GET
def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = cycles_visible_to(request.user).order_by("-created_at", "-pk")
    return render(request, "cycles/list.html", {
        "cycles": cycles, "can_add": rules.has_perm("cycles.add_reviewcycle", request.user),
    })


@require_http_methods(["GET", "POST"])
def cycle_new(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("cycles.add_reviewcycle", request.user):
        return refused_page(request, forbid(_("Only HR admins configure review cycles.")))
    form = CycleForm(request.POST or None)
    return _save(request, form, lambda data: cycle_create(by=request.user, **data))


@require_http_methods(["GET", "POST"])
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_detail(request.user, pk)
    if not rules.has_perm("cycles.change_reviewcycle", request.user, cycle):
        return refused_page(request, forbid(_("Only HR admins configure review cycles.")))
    form = CycleForm(request.POST or None, instance=cycle)

    def save(data):
        participants_before = (set(cycle.participant_units.values_list("pk", flat=True)), cycle.hired_before)
        saved = cycle_update(cycle=ReviewCycle.objects.get(pk=cycle.pk), by=request.user, **data)
        participants_after = ({u.pk for u in data["participant_units"]}, data["hired_before"])
        if participants_after != participants_before:
            # Who takes part changed: a running cycle follows at once (a draft has no reviews yet).
            cycle_sync_participants(saved, by=request.user)
        return saved

    return _save(request, form, save)


def _save(request: HttpRequest, form: CycleForm, save) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                cycle = attempt(lambda: save(form.service_fields()))
            except Refusal as refusal:
                if refusal.status != 400:
                    return refused_page(request, refusal)
                put_on_form(form, refusal)
            else:
                messages.success(request, _("The cycle was saved."))
                return redirect("cycles:detail", pk=cycle.pk)
        status = 400
    return render(request, "cycles/form.html", {"form": form, "cycle": form.instance if form.instance.pk else None},
                  status=status)


@require_POST
def cycle_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_detail(request.user, pk)
    if not rules.has_perm("cycles.add_reviewcycle", request.user):
        return refused_page(request, forbid(_("Only HR admins configure review cycles.")))
    copy = cycle_copy(cycle=cycle, by=request.user, name=request.POST.get("name", "")[:200])
    messages.success(request, _("A copy was made: set its name, periods and deadlines."))
    return redirect("cycles:edit", pk=copy.pk)
