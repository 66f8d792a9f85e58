"""Calibration of a cycle: the reviews the caller may calibrate (all for HR admin, their units for an HR
partner, the sessions' units for a manager taking part), the distribution against the guideline, the 9-box,
per-manager averages, rater-quality flags, the change log, the evidence trail; each rating changed with a
reason through the review's ``calibrate`` transition. Anyone else gets 404."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from cycles.models import ReviewCycle
from people.models import Person, Unit
from people.roles import roles_of
from workflows.runner import run_transition

from ..calibration import (
    calibration_review,
    calibration_scope,
    changes_of,
    evidence_trail,
    histogram,
    load_scope,
    manager_averages,
    may_calibrate_in,
    nine_box,
    rater_flags,
    sessions_visible_to,
)
from ..models import Review
from ..services import calibration_session_create
from .common import Refusal, attempt, refused_page


class SessionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    units = forms.ModelMultipleChoiceField(label=gettext_lazy("Units"), queryset=Unit.objects.order_by("path"))
    participants = forms.CharField(label=gettext_lazy("Managers taking part (emails, comma-separated)"),
                                   required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_participants(self) -> list[Person]:
        emails = {e.strip().lower() for e in self.cleaned_data["participants"].replace("\n", ",").split(",")
                  if e.strip()}
        people = list(Person.objects.filter(user__email__in=emails))
        missing = emails - {p.email.lower() for p in people}
        if missing:
            emails = ", ".join(sorted(missing))
            raise forms.ValidationError(_("No one has these emails: %(emails)s") % {"emails": emails})
        return people


def _cycle_for(request: HttpRequest, pk: int) -> ReviewCycle:
    cycle = get_object_or_404(ReviewCycle.objects.select_related("final_scale", "potential_scale", "template"), pk=pk)
    if not may_calibrate_in(request.user, cycle):
        raise Http404("No calibration here.")
    return cycle


@require_GET
def calibration(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle_for(request, pk)
    sessions = sessions_visible_to(request.user, cycle)
    session = None
    if request.GET.get("session"):
        session = next((s for s in sessions if str(s.pk) == request.GET["session"]), None)
        if session is None:
            raise Http404("No such session.")
    scope = calibration_scope(request.user, cycle, session=session)
    everyone = load_scope(scope)
    units = sorted({r.person.unit for r in everyone if r.person.unit}, key=lambda u: u.path)
    levels = sorted({r.person.title for r in everyone if r.person.title})
    unit = next((u for u in units if str(u.pk) == request.GET.get("unit")), None)
    level = request.GET.get("level", "") if request.GET.get("level") in levels else ""
    reviews = [r for r in everyone if (unit is None or r.person.unit.lineage.startswith(unit.lineage))
               and (not level or r.person.title == level)]
    flags = rater_flags(reviews, cycle)
    changes = changes_of(reviews)
    selected = next((r for r in reviews if str(r.pk) == request.GET.get("review")), None)
    final_levels = [(lv.value, lv.label) for lv in cycle.final_scale.levels.all()]
    labels = dict(final_levels)
    rows = [{"review": r, "final_label": labels.get(r.final_rating, ""), "changes": changes.get(r.pk, []),
             "warnings": flags["warnings"].get(r.pk, []),
             "can_calibrate": r.state in (Review.State.MANAGER_SUBMITTED, Review.State.CALIBRATED)
             and cycle.state == ReviewCycle.State.CALIBRATION} for r in reviews]
    query = {k: v for k, v in (("session", session and session.pk), ("unit", unit and unit.pk), ("level", level))
             if v}
    return render(request, "reviews/calibration.html", {
        "cycle": cycle, "sessions": sessions, "session": session, "units": units, "levels": levels,
        "unit": unit, "level": level, "rows": rows, "histogram": histogram(reviews, cycle),
        "nine_box": nine_box(reviews, cycle), "managers": manager_averages(reviews), "flags": flags,
        "final_levels": final_levels, "selected": selected,
        "evidence": evidence_trail(request.user, selected) if selected else None,
        "query": urlencode(query), "here": request.get_full_path(),
        "released": cycle.state in (ReviewCycle.State.CONVERSATIONS, ReviewCycle.State.CLOSED),
        "session_form": SessionForm() if roles_of(request.user).hr_admin else None,
    })


@require_POST
def calibration_calibrate(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one review's rating with a reason (the flow logs the change); back to the calibration page."""
    review = calibration_review(request.user, pk)
    back = request.POST.get("next", "")
    if not back.startswith(reverse("reviews:calibration", args=[review.cycle_id])):
        back = reverse("reviews:calibration", args=[review.cycle_id])
    try:
        rating = int(request.POST.get("final_rating", ""))
    except ValueError:
        rating = None
    try:
        attempt(lambda: run_transition(review, "calibrate", by=request.user, reason=request.POST.get("reason", ""),
                                       final_rating=rating))
    except Refusal as refusal:
        return refused_page(request, refusal, back=back)
    messages.success(request, _("Rating changed; the change is logged."))
    return redirect(back)


@require_POST
def calibration_session_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle_for(request, pk)
    back = reverse("reviews:calibration", args=[cycle.pk])
    form = SessionForm(request.POST)
    if not form.is_valid():
        return refused_page(request, Refusal(400, _("Please correct the problems below."), errors=form.errors),
                            back=back)
    try:
        session = attempt(lambda: calibration_session_create(cycle=cycle, by=request.user, **form.cleaned_data))
    except Refusal as refusal:
        return refused_page(request, refusal, back=back)
    return redirect(f"{back}?session={session.pk}")
