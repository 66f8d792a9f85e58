"""HR's settings of praise and feedback: the company's values, the praise channel, the feedback nudge.
HR admin only; 404 for everyone else (as the org import)."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.access import fetch
from people.roles import roles_of

from .. import services
from ..forms import SettingsForm, ValueForm
from ..models import CompanyValue, FeedbackSettings
from .common import run_form, tabs


def _hr_only(request: HttpRequest) -> None:
    if not rules.has_perm("continuous.change_settings", request.user):
        raise Http404


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    _hr_only(request)
    current = FeedbackSettings.current()
    form = SettingsForm(request.POST or None, initial={
        "channel": current.channel, "channel_webhook": current.channel_webhook,
        "channel_language": current.channel_language, "nudge_weeks": current.nudge_weeks})
    refusal = None
    if request.method == "POST":
        saved, refusal = run_form(form, lambda data: services.feedback_settings_update(by=request.user, **data))
        if saved is not None:
            messages.success(request, _("Settings saved."))
            return redirect("continuous:settings")
    return render(request, "continuous/settings.html", {
        "form": form, "refusal": refusal, "values": CompanyValue.objects.all(), "current": current,
        "tabs": tabs(roles_of(request.user)),
    }, status=400 if refusal else 200)


@require_http_methods(["GET", "POST"])
def value_page(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a company value (``pk`` None) or change one, in the three languages."""
    _hr_only(request)
    value = fetch(CompanyValue.objects.all(), pk) if pk is not None else None
    form = ValueForm(request.POST or None, value=value, initial=ValueForm.initial_for(value) if value else {})
    refusal = None
    if request.method == "POST":
        saved, refusal = run_form(form, lambda data: services.company_value_save(
            by=request.user, value=value, code=data.get("code"), names=form.labels("name"),
            descriptions=form.labels("description"), active=data["active"], position=data.get("position")))
        if saved is not None:
            messages.success(request, _("Value saved."))
            return redirect("continuous:settings")
    return render(request, "continuous/value.html", {
        "form": form, "refusal": refusal, "value": value, "tabs": tabs(roles_of(request.user)),
    }, status=400 if refusal else 200)
