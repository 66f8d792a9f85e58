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
    band_of,
    calibration_cycle_detail,
    calibration_review_detail,
    calibration_scope,
    change_log,
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
from ..selectors.rater_quality import group_warnings, rater_flags, thresholds
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
    """The figures are aggregates of every review in scope; the lists (reviews, managers, flagged raters, the
    change log) are one page each, so the page runs the same queries in about the same time at any size."""
    cycle = calibration_cycle_detail(request.user, pk)
    return render(request, "reviews/calibration.html", _context(request, cycle, request.GET))


MOVABLE = (Review.State.MANAGER_SUBMITTED, Review.State.CALIBRATED)


def _board(request: HttpRequest, cycle: ReviewCycle, params: QueryDict, *, page_of=None) -> dict:
    """What the board shows for ``params`` (session, unit, level and the pages), the list of reviews aside: the
    scope, the distribution against the guideline, the 9-box, the managers' averages and the change log."""
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
    finals.sort(key=lambda lv: lv.value)
    potentials.sort(key=lambda lv: lv.value)
    grid = rating_grid(reviews)
    histogram = histogram_of_grid(grid, cycle, levels=finals)
    box = nine_box(reviews, cycle, grid=grid, levels=(finals, potentials))
    performance = [_("Low performance"), _("Medium performance"), _("High performance")]
    potential = [_("Low potential"), _("Medium potential"), _("High potential")]
    for line in box["grid"]:
        for cell in line:
            cell["label"] = _("%(performance)s, %(potential)s") % {
                "performance": performance[cell["performance"]], "potential": potential[cell["potential"]]}
    managers = manager_averages(reviews, page=params.get("managers"))
    rated = sum(row["count"] for row in histogram["rows"])
    managers["overall"] = round(sum(row["value"] * row["count"] for row in histogram["rows"]) / rated, 2) if (
        rated) else None
    query = {k: v for k, v in (("session", session and session.pk), ("unit", unit and unit.pk), ("level", level))
             if v}
    here = f"{reverse('reviews:calibration', args=[cycle.pk])}?{params.urlencode()}" if params else (
        reverse("reviews:calibration", args=[cycle.pk]))
    final_values = [lv.value for lv in finals]
    potential_values = [lv.value for lv in potentials]
    open_now = cycle.state == ReviewCycle.State.CALIBRATION
    page_ids = page_of(reviews) if page_of else []
    log = change_log(reviews, page=params.get("log"), rows_of=[r.pk for r in page_ids])
    labels = {lv.value: lv.label for lv in finals}
    for change in log["rows"]:
        change.to_label = labels.get(change.to_rating, "")
    return {
        "cycle": cycle, "sessions": sessions, "session": session, "units": units, "levels": levels,
        "unit": unit, "level": level, "reviews": reviews, "page_reviews": page_ids,
        "total": sum(grid.values()), "histogram": histogram,
        "nine_box": box, "managers": managers, "log": log,
        "final_levels": [(lv.value, lv.label) for lv in finals],
        "final_bands": [(lv.value, lv.label, band_of(lv.value, final_values)) for lv in finals],
        "potential_bands": [(lv.value, lv.label, band_of(lv.value, potential_values)) for lv in potentials],
        "query": urlencode(query), "here": here, "open_now": open_now, "movable": [str(s) for s in MOVABLE],
        "may_move": open_now and bool(potentials),
        "released": cycle.state in (ReviewCycle.State.CONVERSATIONS, ReviewCycle.State.CLOSED),
    }


def _rows(request: HttpRequest, cycle: ReviewCycle, page: list[Review], board: dict, *, raters: dict,
          warnings: dict) -> list[dict]:
    labels = dict(board["final_levels"])
    changes = board["log"]["by_review"]
    return [{"review": r, "final_label": labels.get(r.final_rating, ""), "changes": changes.get(r.pk, []),
             "warnings": warnings.get(r.pk, []), "raters": of_review(raters, r.pk),
             "can_calibrate": r.state in MOVABLE and board["open_now"]} for r in page]


def _page_slice(number: int) -> slice:
    return slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE + 1)


def _context(request: HttpRequest, cycle: ReviewCycle, params: QueryDict) -> dict:
    """The calibration page for ``params`` (its query: session, unit, level and the pages)."""
    number = page_number(params.get("page"))

    def page_of(reviews):
        return list(reviews.select_related("person__unit", "manager").order_by("person__full_name", "pk")[
            _page_slice(number)])

    board = _board(request, cycle, params, page_of=page_of)
    reviews = board["reviews"]
    page = board["page_reviews"]
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    on_page = Review.objects.filter(pk__in=[r.pk for r in page] or [0])
    # Rater flags for the people rating the reviews on this page (each over all their answers in the cycle):
    # unnesting every answer of a large cycle on each view would grow with the cycle.
    flags = rater_flags(on_page, cycle, reader=request.user, page=params.get("raters"), warnings=False)
    flags["warnings"] = _named_warnings(on_page, cycle, flags["thresholds"])
    # Centred ratings, raters and reliability of the page's reviews, and the cycle's ICC: one query.
    raters = rater_aware(on_page, cycle, reader=request.user)
    selected = None
    if params.get("review", "").isdigit():
        selected = reviews.select_related("person", "cycle").filter(pk=page_number(params["review"])).first()
    return {
        **board, "flags": flags, "raters": raters, "selected": selected,
        "rows": _rows(request, cycle, page, board, raters=raters, warnings=flags["warnings"]),
        "reviews_page": {"number": number, "previous": number - 1 if number > 1 else None,
                         "next": number + 1 if more else None},
        "evidence": evidence_trail(request.user, selected) if selected else None,
        "may_add_session": roles_of(request.user).hr_admin,
    }


def _named_warnings(reviews, cycle: ReviewCycle, limits: dict) -> dict:
    groups = dict(FeedbackRequest.Group.choices)  # a warning names its group in the reader's words, not its key
    return {pk: [{**w, "label": groups.get(w["group"], w["group"])} for w in found]
            for pk, found in group_warnings(reviews, cycle, limits=limits).items()}


def _board_answer(request: HttpRequest, review: Review, params: QueryDict, *, status: int = 200,
                  message: str = "", refusal: Refusal | None = None, failed: dict | None = None,
                  via: str = "row") -> HttpResponse:
    """The answer to an htmx change: the changed row (when the list shows it) and, out of band, the status line,
    the distribution, the 9-box, the managers' averages and the change log, all for the board's filters; a
    refused change comes back as the row (or the move's fields) with the input kept and each message beside its
    field. The same queries at any size."""
    cycle = review.cycle
    number = page_number(params.get("page"))

    def page_of(reviews):  # the list's page, when it shows this review: this review alone
        ids = list(reviews.order_by("person__full_name", "pk").values_list("pk", flat=True)[
            _page_slice(number)])[:PAGE_SIZE]
        return [Review.objects.select_related("person__unit", "manager").get(pk=review.pk)] if (
            review.pk in ids) else []

    board = _board(request, cycle, params, page_of=page_of)
    row = None
    if board["page_reviews"]:
        fresh = board["page_reviews"][0]
        on_page = Review.objects.filter(pk=review.pk)
        raters = rater_aware(on_page, cycle, reader=request.user)
        row = _rows(request, cycle, [fresh], board, raters=raters,
                    warnings=_named_warnings(on_page, cycle, thresholds(cycle)))[0]
    else:
        fresh = Review.objects.select_related("person__unit", "manager").get(pk=review.pk)
    if not message:
        rating = dict(board["final_levels"]).get(fresh.final_rating, "")
        potential = {value: label for value, label, _band in board["potential_bands"]}.get(fresh.potential, "")
        message = _("%(name)s: final rating %(rating)s, potential %(potential)s. The change is logged.") % {
            "name": fresh.person.full_name, "rating": f"{fresh.final_rating} · {rating}" if rating else "—",
            "potential": f"{fresh.potential} · {potential}" if potential else "—"}
    context = {**board, "row": row, "status": status, "message": message, "refusal": refusal,
               "failed": failed or {}, "via": via, "moved": fresh}
    return render(request, "reviews/_calibration_answer.html", context, status=status)


def _number(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
def calibration_calibrate(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one review's rating (and, from the 9-box, its potential) with a reason, through the review's
    ``calibrate`` transition (permission, phase and the change log). Under htmx the answer is the board's
    changed parts (``_board_answer``), a refusal with its true status; otherwise back to the calibration page,
    or that page again with the reason's problem beside the row's fields and what was typed kept."""
    review = calibration_review_detail(request.user, pk)
    base = reverse("reviews:calibration", args=[review.cycle_id])
    back = request.POST.get("next", "")
    if not back.startswith(base):
        back = base
    params = QueryDict(urlsplit(back).query)
    rating = _number(request.POST.get("final_rating", ""))
    reason = request.POST.get("reason", "")
    via = "box" if request.POST.get("via") == "box" else "row"
    moves_potential = "potential" in request.POST
    potential = _number(request.POST.get("potential", "")) if moves_potential else None
    # A move across the 9-box changes the potential in the same transition, logged with the rating.
    extra = {"potential": potential} if moves_potential else {}
    try:
        attempt(lambda: run_transition(review, "calibrate", by=request.user, reason=reason, final_rating=rating,
                                       **extra))
    except Refusal as refusal:
        if via == "box":
            anchors = {"reason": "move-reason", "final_rating": "move-rating", "potential": "move-potential"}
        else:
            anchors = {"reason": f"reason-{review.pk}", "final_rating": f"rating-{review.pk}"}
        refusal.label({key: (label, anchors.get(key, "")) for key, label in (
            ("reason", _("Reason")), ("final_rating", _("Final rating")), ("potential", _("Potential")))})
        failed = {"review": review.pk, "reason": reason, "rating": rating, "potential": potential}
        if request.htmx:
            return _board_answer(request, review, params, status=refusal.status, refusal=refusal,
                                 failed=failed if refusal.status == 400 else None, via=via,
                                 message=refusal.message)
        if refusal.status != 400:
            return refused_page(request, refusal, back=back)
        context = _context(request, calibration_cycle_detail(request.user, review.cycle_id), params)
        context.update(refusal=refusal, failed=failed)
        return render(request, "reviews/calibration.html", context, status=400)
    if request.htmx:
        return _board_answer(request, review, params, via=via)
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
