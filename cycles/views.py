"""HR's pages for review cycles' configuration: the list, create, edit, copy and delete. A cycle's own page
(its progress and phase buttons) belongs to the reviews it runs: ``reviews.views.cycle``. Members read the
launched cycles (HR also the drafts); only HR admins change them (403 for the rest)."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.refusal import Refusal, attempt, forbid, form_refusal, put_on_form, refused_page
from people.selectors import search_people
from workflows.participants import cycle_sync_participants

from . import selectors
from .forms import CycleForm
from .models import ReviewCycle
from .selectors import cycles_visible_to
from .services import cycle_copy, cycle_create, cycle_delete, cycle_update

PEOPLE_LIMIT = 20
ONLY_HR = gettext_lazy("Only HR admins configure review cycles.")


@require_GET
def people_choices(request: HttpRequest) -> JsonResponse:
    """People matching ``?q=`` (name or email) as the picker's choices: active people the caller may see,
    one query whatever the size of the organisation."""
    found = [p for p in search_people(request.user, request.GET.get("q", "")[:100], limit=PEOPLE_LIMIT + 1)
             if p.active]
    return JsonResponse({"more": len(found) > PEOPLE_LIMIT, "results": [
        {"value": p.pk, "label": p.full_name, "hint": " · ".join(x for x in (p.title, p.email) if x)}
        for p in found[:PEOPLE_LIMIT]]})


@require_GET
def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = cycles_visible_to(request.user).order_by("-created_at", "-pk")
    return render(request, "cycles/list.html", {
        "cycles": cycles, "can_add": rules.has_perm("cycles.add_reviewcycle", request.user),
    })


@require_http_methods(["GET", "POST"])
def cycle_new(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("cycles.add_reviewcycle", request.user):
        return refused_page(request, forbid(str(ONLY_HR)))
    form = CycleForm(request.POST or None)
    return _save(request, form, lambda data: cycle_create(by=request.user, **data))


@require_http_methods(["GET", "POST"])
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_detail(request.user, pk)
    if not rules.has_perm("cycles.change_reviewcycle", request.user, cycle):
        return refused_page(request, forbid(str(ONLY_HR)))
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
    """Save and go to the cycle; a refusal renders the form again with the input kept and every problem
    beside its field."""
    refusal = None
    if request.method == "POST":
        if form.is_valid():
            try:
                cycle = attempt(lambda: save(form.service_fields()))
            except Refusal as exc:
                if exc.status != 400:
                    return refused_page(request, exc)
                put_on_form(form, exc)
            else:
                messages.success(request, _("The cycle was saved."))
                return redirect("cycles:detail", pk=cycle.pk)
        refusal = form_refusal(form)
    cycle = form.instance if form.instance.pk else None
    return render(request, "cycles/form.html", {
        "form": form, "cycle": cycle, "refusal": refusal,
        "can_delete": cycle is not None and cycle.state == ReviewCycle.State.DRAFT,
    }, status=400 if refusal else 200)


@require_POST
def cycle_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_detail(request.user, pk)
    if not rules.has_perm("cycles.add_reviewcycle", request.user):
        return refused_page(request, forbid(str(ONLY_HR)))
    copy = attempt(lambda: cycle_copy(cycle=cycle, by=request.user, name=request.POST.get("name", "")[:200]))
    messages.success(request, _("A copy was made: set its name, periods and deadlines."))
    return redirect("cycles:edit", pk=copy.pk)


@require_http_methods(["GET", "POST"])
def cycle_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a draft cycle, after a page that says what goes with it; 409 once launched."""
    cycle = selectors.cycle_detail(request.user, pk)
    back = reverse("cycles:detail", args=[cycle.pk])
    if not rules.has_perm("cycles.change_reviewcycle", request.user, cycle):
        return refused_page(request, forbid(_("Only HR admins delete review cycles.")), back=back)
    if cycle.state != ReviewCycle.State.DRAFT:
        return refused_page(request, Refusal(409, _(
            "Only a draft cycle can be deleted: “%(name)s” is launched, and its reviews stay for the record.")
            % {"name": cycle.name}), back=back)
    if request.method == "POST":
        try:
            attempt(lambda: cycle_delete(cycle=cycle, by=request.user))
        except Refusal as refusal:
            return refused_page(request, refusal, back=back)
        messages.success(request, _("The draft cycle “%(name)s” was deleted.") % {"name": cycle.name})
        return redirect("cycles:list")
    return render(request, "cycles/delete.html", {"cycle": cycle, "deadlines": [
        (label, cycle.deadline(phase)) for phase, label in ReviewCycle.State.choices if cycle.deadline(phase)]})
