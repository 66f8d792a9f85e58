"""Horizontal alignment: asking another unit to contribute, and the asked unit's answer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.access import fetch
from common.refusal import Refusal, put_on_form, refusal_from, refused_page
from workflows.errors import TransitionConflict, TransitionForbidden
from workflows.runner import run_transition

from .. import selectors, services
from ..forms import DependencyForm
from ..models import Dependency
from .common import may, render_form
from .objectives import detail_context


@require_http_methods(["GET", "POST"])
def dependency_create(request, pk: int):
    """Ask another unit to contribute to this objective (horizontal alignment)."""
    objective = selectors.objective_detail(request.user, pk)
    if not may(request, "okrs.add_dependency", Dependency(objective=objective)):
        raise PermissionDenied
    form = DependencyForm(request.POST or None, objective=objective)
    if request.method == "POST" and form.is_valid():
        try:
            services.dependency_create(by=request.user, objective=objective, **form.cleaned_data)
        except ValidationError as exc:
            put_on_form(form, exc)
        else:
            messages.success(request, _("Request sent: the unit's lead will accept or decline it."))
            return redirect("okrs:objective", objective.pk)
    return render_form(request, "okrs/dependency_form.html", form, {"objective": objective})



@require_POST
def dependency_transition(request, pk: int, name: str):
    dependency = fetch(selectors.dependencies_visible_to(request.user), pk)
    back = request.POST.get("next") or reverse("okrs:objective", args=[dependency.objective_id])
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("okrs:objective", args=[dependency.objective_id])
    try:
        run_transition(dependency, name, by=request.user, reason=request.POST.get("reason", ""))
    except TransitionForbidden:
        return refused_page(request, Refusal(403, _("Only the asked unit's lead answers a contribution request."),
                                             title=_("Not yours to do")), back=back)
    except TransitionConflict:
        return refused_page(request, Refusal(409, _("This contribution request has been answered already."),
                                             title=_("Already answered")), back=back)
    except ValidationError as exc:
        # The objective's page, where the answer form is too: the message beside this request's comment.
        refusal = refusal_from(exc).label({"reason": (_("Comment"), f"dep-{dependency.pk}-reason")})
        objective = selectors.objective_detail(request.user, dependency.objective_id)
        return render(request, "okrs/objective.html", detail_context(
            request, objective, refusal=refusal, failed={"dependency": dependency.pk,
                                                         "reason": request.POST.get("reason", "")}), status=400)
    messages.success(request, _("Answer saved."))
    return redirect(back)
