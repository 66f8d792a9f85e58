"""The coach's pages: the panel beside an objective, silencing, a unit's summary, the rule settings, and the
period retrospective (its PDF is a document: `documents`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from okrs.rules import allowed
from okrs.selectors import objective_detail, period_detail, periods_visible_to
from people.roles import roles_of
from people.selectors import unit_detail

from . import selectors, services
from .forms import RuleForm, SilenceForm
from .models import CoachRule, Rule
from .retrospective import retrospective_context
from .rules_engine import RULES

# A rule's first rows on the summary; all of them, a page at a time, once the reader picks the rule.
FIRST_ROWS, ALL_PAGE = 25, 100


def _panel_context(request, objective) -> dict:
    findings = selectors.objective_findings(objective)
    krs = {kr.pk: kr for kr in objective.key_results.all()}
    rows = [{"finding": f, "key_result": krs.get(f.target)} for f in findings]
    return {
        "objective": objective,
        "active": [r for r in rows if not r["finding"].silenced],
        "silenced": [r for r in rows if r["finding"].silenced],
        "may_silence": allowed(request.user, "coach.add_silence", objective),
        "silences": {(s.key_result_id, s.rule): s for s in objective.coach_silences.all()},
    }


@require_GET
def objective_panel(request, pk: int):
    """The coach beside an objective: loaded into the objective page, or a page of its own without htmx."""
    objective = objective_detail(request.user, pk)
    context = _panel_context(request, objective)
    template = "coach/_panel.html" if request.htmx else "coach/objective.html"
    return render(request, template, context)


@require_POST
def silence_create(request, pk: int):
    objective = objective_detail(request.user, pk)
    back = reverse("okrs:objective", args=[objective.pk])
    form = SilenceForm(request.POST)
    if not allowed(request.user, "coach.add_silence", objective):
        raise PermissionDenied
    if form.is_valid():
        kr_id = form.cleaned_data["key_result"]
        key_result = next((kr for kr in objective.key_results.all() if kr.pk == kr_id), None) if kr_id else None
        if kr_id and key_result is None:
            form.add_error("key_result", _("This key result belongs to another objective."))
        else:
            try:
                services.silence_create(by=request.user, objective=objective, key_result=key_result,
                                        rule=form.cleaned_data["rule"], reason=form.cleaned_data["reason"])
                messages.success(request, _("The finding is silenced; the reason is kept with it."))
                return redirect(back)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
    context = {**_panel_context(request, objective), "form": form}
    return render(request, "coach/objective.html", context, status=400)


@require_POST
def silence_delete(request, pk: int):
    silence = selectors.silence_detail(request.user, pk)
    services.silence_delete(by=request.user, silence=silence)
    messages.success(request, _("The coach checks this again."))
    return redirect("okrs:objective", silence.objective_id)


def _periods(request, period):
    return {"period": period, "periods": list(periods_visible_to(request.user).order_by("start", "-end"))}


@require_GET
def my_unit(request):
    roles = roles_of(request.user)
    if roles.person is not None and roles.person.unit_id is not None:
        return redirect("coach:unit_summary", roles.person.unit_id)
    if roles.hr_admin:
        return redirect("coach:rules")
    raise Http404


@require_GET
def unit_summary(request, unit_id: int):
    unit = unit_detail(request.user, unit_id)
    period = period_detail(request.user, request.GET.get("period"))
    summary = selectors.unit_summary(request.user, unit, period)
    rule = request.GET.get("rule", "")
    for group in summary["groups"]:
        group["total"] = len(group["rows"])
        group["page"] = Paginator(group["rows"], ALL_PAGE if rule else FIRST_ROWS).get_page(
            request.GET.get("page") if rule else 1)
    if rule in RULES:
        summary["groups"] = [g for g in summary["groups"] if g["rule"] == rule]
    company = selectors.company_of(request.user)
    return render(request, "coach/unit_summary.html", {
        **summary, **_periods(request, period),
        "may_retro": allowed(request.user, "coach.view_retrospective", unit),
        "may_company_retro": company is not None and company.pk != unit.pk
        and allowed(request.user, "coach.view_retrospective", company),
        "may_configure": roles_of(request.user).hr_admin, "rule": rule if rule in RULES else "",
    })


@require_http_methods(["GET", "POST"])
def rule_settings(request):
    if not roles_of(request.user).hr_admin:
        raise Http404
    rows = {row.code: row for row in CoachRule.objects.all()}
    forms, status = [], 200
    for code, spec in RULES.items():
        row = rows.get(code)
        params = {**spec.defaults, **(row.params if row else {})}
        initial = {"enabled": row.enabled if row else True, **params}
        bound = request.method == "POST" and request.POST.get("code") == code
        form = RuleForm(request.POST if bound else None, spec=spec, initial=initial, prefix=code)
        if bound:
            if form.is_valid():
                services.coach_rule_update(by=request.user, code=code, enabled=form.cleaned_data["enabled"],
                                           params=form.params())
                messages.success(request, _("Saved."))
                return redirect("coach:rules")
            status = 400
        forms.append({"code": code, "label": Rule(code).label, "summary": spec.summary, "form": form, "row": row})
    return render(request, "coach/rules.html", {"forms": forms}, status=status)


@require_GET
def retrospective_page(request, unit_id: int | None = None):
    context = retrospective_context(request.user, unit_id, request.GET.get("period"))
    return render(request, "coach/retrospective.html", context)
