"""Key results: their page with charts, their forms, and check-ins (inline with htmx or from the page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common import charts
from common.refusal import Refusal, put_on_form, refused_page

from .. import selectors, services
from ..forms import CheckInForm, KeyResultForm
from ..models import KeyResult
from .common import may, render_form


@require_http_methods(["GET", "POST"])
def key_result_create(request, pk: int):
    objective = selectors.objective_detail(request.user, pk)
    if not may(request, "okrs.add_keyresult", KeyResult(objective=objective)):
        raise PermissionDenied
    form = KeyResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.key_result_create(by=request.user, objective=objective, **form.cleaned_data)
        except ValidationError as exc:
            put_on_form(form, exc)
        else:
            messages.success(request, _("Key result added."))
            return redirect("okrs:objective", objective.pk)
    return render_form(request, "okrs/key_result_form.html", form, {"objective": objective, "kr": None})


@require_http_methods(["GET", "POST"])
def key_result_edit(request, pk: int):
    kr = selectors.key_result_detail(request.user, pk)
    if not may(request, "okrs.change_keyresult", kr):
        raise PermissionDenied
    initial = {f: getattr(kr, f) for f in ("title", "kind", "start", "target", "unit_label", "weight")}
    form = KeyResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            if data["kind"] == KeyResult.Kind.BOOLEAN or data["target"] is None:
                data.pop("target")
            services.key_result_update(key_result=kr, by=request.user, **data)
        except ValidationError as exc:
            put_on_form(form, exc)
        else:
            messages.success(request, _("Key result saved."))
            return redirect("okrs:objective", kr.objective_id)
    return render_form(request, "okrs/key_result_form.html", form, {"objective": kr.objective, "kr": kr})


def key_result_detail(request, pk: int):
    kr = selectors.key_result_detail(request.user, pk)
    check_ins = list(selectors.check_ins_of(request.user, kr)[:200])
    oldest_first = check_ins[::-1]
    return render(request, "okrs/key_result.html", {
        "kr": kr, "objective": kr.objective, "check_ins": check_ins,
        "chart": charts.line_chart([(c.created_at, c.value) for c in oldest_first], low=kr.start, high=kr.target,
                                   reference=kr.target, baseline=kr.start),
        "confidence_chart": charts.line_chart([(c.created_at, c.confidence) for c in oldest_first], low=0, high=10,
                                              height=140),
        "form": CheckInForm(initial={"value": kr.current.normalize(), "confidence": kr.confidence}),
    })


@require_POST
def check_in(request, pk: int):
    """Record a check-in from the key result's page or inline from a list (htmx: answers the row)."""
    kr = selectors.key_result_detail(request.user, pk)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.check_in_create(key_result=kr, by=request.user, **form.cleaned_data)
        except PermissionDenied:
            return refused_page(request, Refusal(
                403, _("Only the key result's owner, the objective's owner or the unit's lead check in."),
                title=_("Not yours to do")), back=reverse("okrs:key_result", args=[kr.pk]))
        except ValidationError as exc:
            put_on_form(form, exc)
    if request.htmx:
        fresh = selectors.key_result_detail(request.user, pk)
        # htmx swaps only 2xx answers, so the inline row comes back 200 with its errors shown in it.
        return render(request, "okrs/_kr_row.html", {
            "kr": fresh, "objective": fresh.objective, "form": form if form.errors else None,
            "saved": not form.errors, "oob_score": True,
        })
    if form.errors:
        return render_form(request, "okrs/key_result.html", form, {
            "kr": kr, "objective": kr.objective, "check_ins": list(selectors.check_ins_of(request.user, kr)[:200]),
            "chart": None, "confidence_chart": None,
        })
    messages.success(request, _("Check-in saved."))
    return redirect("okrs:key_result", kr.pk)
