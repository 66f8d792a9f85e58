"""Calibration of a cycle: the reviews the caller may calibrate (all for HR admin, their units for an HR
partner, the sessions' units for a manager taking part), the distribution against the guideline, the 9-box,
per-manager averages, rater-quality flags, beside each rating its rater-aware figures (centred on the raters'
own means, the number of raters, their reliability, a flag when few back it), the change log, the evidence
trail; each rating changed with a
reason through the review's ``calibrate`` transition. Anyone else gets 404."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.refusal import Refusal, attempt, form_refusal, put_on_form, refused_page
from common.widgets import Picker, RemotePicker
from cycles.forms import UnitChoices
from cycles.models import ReviewCycle
from people.models import Person, Unit
from people.roles import roles_of
from workflows.runner import run_transition

from ..models import FeedbackRequest, Review
from ..selectors.calibration import (
    PAGE_SIZE,
    calibration_cycle_detail,
    calibration_review_detail,
    calibration_scope,
    changes_of,
    evidence_trail,
    filter_choices,
    histogram_of_grid,
    manager_averages,
    narrow,
    nine_box,
    page_number,
    rating_grid,
    scale_levels,
    sessions_visible_to,
)
from ..selectors.rater_aware import of_review, rater_aware
from ..selectors.rater_quality import group_warnings, rater_flags
from ..services import calibration_session_create


class ManagerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return person.full_name  # as the picker's search names them


class SessionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    units = UnitChoices(label=gettext_lazy("Units"), queryset=Unit.objects.order_by("path"),
                        widget=Picker(placeholder=gettext_lazy("Find a unit by name"), size=8))
    participants = ManagerChoices(
        label=gettext_lazy("Managers taking part"), required=False,
        queryset=Person.objects.filter(state=Person.State.ACTIVE).select_related("user"),
        help_text=gettext_lazy("Besides HR, these managers calibrate the session's reviews."),
        widget=RemotePicker(url=reverse_lazy("cycles:people_choices"),
                            placeholder=gettext_lazy("Find a manager by name or email")),
    )


@require_GET
def calibration(request: HttpRequest, pk: int) -> HttpResponse:
    """The figures are aggregates of every review in scope; the lists (reviews, managers, flagged raters)
    are one page each, so the page runs the same queries in about the same time at any size."""
    cycle = calibration_cycle_detail(request.user, pk)
    return render(request, "reviews/calibration.html", _context(request, cycle, request.GET))


def _context(request: HttpRequest, cycle: ReviewCycle, params: QueryDict) -> dict:
    """The calibration page for ``params`` (its query: session, unit, level and the pages)."""
    sessions = sessions_visible_to(request.user, cycle)
    session = None
    if params.get("session"):
        session = next((s for s in sessions if str(s.pk) == params["session"]), None)
        if session is None:
            raise Http404("No such session.")
    scope = calibration_scope(request.user, cycle, session=session)
    units, levels = filter_choices(scope, params.get("unit"))
    unit = next((u for u in units if str(u.pk) == params.get("unit")), None)
    level = params.get("level", "") if params.get("level") in levels else ""
    reviews = narrow(scope, unit=unit, level=level)
    finals, potentials = scale_levels(cycle)
    grid = rating_grid(reviews)
    histogram = histogram_of_grid(grid, cycle, levels=finals)
    number = page_number(params.get("page"))
    page = list(reviews.select_related("person__unit", "manager").order_by("person__full_name", "pk")[
        (number - 1) * PAGE_SIZE: number * PAGE_SIZE + 1])
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    on_page = Review.objects.filter(pk__in=[r.pk for r in page] or [0])
    # Rater flags for the people rating the reviews on this page (each over all their answers in the cycle):
    # unnesting every answer of a large cycle on each view would grow with the cycle.
    flags = rater_flags(on_page, cycle, reader=request.user, page=params.get("raters"), warnings=False)
    groups = dict(FeedbackRequest.Group.choices)  # a warning names its group in the reader's words, not its key
    flags["warnings"] = {pk: [{**w, "label": groups.get(w["group"], w["group"])} for w in found]
                         for pk, found in group_warnings(on_page, cycle, limits=flags["thresholds"]).items()}
    changes = changes_of(on_page)
    # Centred ratings, raters and reliability of the page's reviews, and the cycle's ICC: one query.
    raters = rater_aware(on_page, cycle, reader=request.user)
    selected = None
    if params.get("review", "").isdigit():
        selected = reviews.select_related("person", "cycle").filter(pk=page_number(params["review"])).first()
    final_levels = [(lv.value, lv.label) for lv in finals]
    labels = dict(final_levels)
    rows = [{"review": r, "final_label": labels.get(r.final_rating, ""), "changes": changes.get(r.pk, []),
             "warnings": flags["warnings"].get(r.pk, []), "raters": of_review(raters, r.pk),
             "can_calibrate": r.state in (Review.State.MANAGER_SUBMITTED, Review.State.CALIBRATED)
             and cycle.state == ReviewCycle.State.CALIBRATION} for r in page]
    query = {k: v for k, v in (("session", session and session.pk), ("unit", unit and unit.pk), ("level", level))
             if v}
    managers = manager_averages(reviews, page=params.get("managers"))
    rated = sum(row["count"] for row in histogram["rows"])
    managers["overall"] = round(sum(row["value"] * row["count"] for row in histogram["rows"]) / rated, 2) if (
        rated) else None
    here = f"{reverse('reviews:calibration', args=[cycle.pk])}?{params.urlencode()}" if params else (
        reverse("reviews:calibration", args=[cycle.pk]))
    return {
        "cycle": cycle, "sessions": sessions, "session": session, "units": units, "levels": levels,
        "unit": unit, "level": level, "rows": rows, "total": sum(grid.values()), "histogram": histogram,
        "nine_box": nine_box(reviews, cycle, grid=grid, levels=(finals, potentials)), "managers": managers,
        "flags": flags, "raters": raters, "final_levels": final_levels, "selected": selected,
        "reviews_page": {"number": number, "previous": number - 1 if number > 1 else None,
                         "next": number + 1 if more else None},
        "evidence": evidence_trail(request.user, selected) if selected else None,
        "query": urlencode(query), "here": here,
        "released": cycle.state in (ReviewCycle.State.CONVERSATIONS, ReviewCycle.State.CLOSED),
        "may_add_session": roles_of(request.user).hr_admin,
    }


@require_POST
def calibration_calibrate(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one review's rating with a reason (the flow logs the change); back to the calibration page, or
    that page again with the reason's problem beside the row's fields and what was typed kept."""
    review = calibration_review_detail(request.user, pk)
    base = reverse("reviews:calibration", args=[review.cycle_id])
    back = request.POST.get("next", "")
    if not back.startswith(base):
        back = base
    try:
        rating = int(request.POST.get("final_rating", ""))
    except ValueError:
        rating = None
    reason = request.POST.get("reason", "")
    try:
        attempt(lambda: run_transition(review, "calibrate", by=request.user, reason=reason, final_rating=rating))
    except Refusal as refusal:
        if refusal.status != 400:
            return refused_page(request, refusal, back=back)
        refusal.label({"reason": (_("Reason"), f"reason-{review.pk}"),
                       "final_rating": (_("Final rating"), f"rating-{review.pk}")})
        context = _context(request, calibration_cycle_detail(request.user, review.cycle_id),
                           QueryDict(urlsplit(back).query))
        context.update(refusal=refusal, failed={"review": review.pk, "reason": reason, "rating": rating})
        return render(request, "reviews/calibration.html", context, status=400)
    messages.success(request, _("Rating changed; the change is logged."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
def calibration_session_add(request: HttpRequest, pk: int) -> HttpResponse:
    """HR admin: the form of a new session (its own page: it lists every unit), and its creation."""
    cycle = calibration_cycle_detail(request.user, pk)
    back = reverse("reviews:calibration", args=[cycle.pk])
    if request.method == "GET" and not roles_of(request.user).hr_admin:
        raise Http404("No such page.")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = attempt(lambda: calibration_session_create(cycle=cycle, by=request.user, **form.cleaned_data))
        except Refusal as refusal:
            if refusal.status != 400:
                return refused_page(request, refusal, back=back)
            put_on_form(form, refusal)
        else:
            return redirect(f"{back}?session={session.pk}")
    refusal = form_refusal(form) if form.is_bound else None
    return render(request, "reviews/calibration_session.html", {"cycle": cycle, "form": form, "refusal": refusal},
                  status=400 if refusal else 200)
