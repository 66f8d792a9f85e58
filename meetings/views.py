"""Meeting pages: my meetings, a meeting with its agenda (inline htmx forms for talking points, notes,
decisions and action items), and the series settings form.

Every object comes through an access-checked selector (404 when the caller may not see it); the services
refuse what is not theirs (403). An inline form that fails comes back 200 with its errors under htmx (htmx
swaps only 2xx) and 400 without.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.access import fetch
from people.models import Person
from people.roles import roles_of
from people.selectors import unit_detail, units_visible_to

from . import selectors, services
from .agenda import agenda
from .forms import ActionItemForm, NoteForm, SeriesForm, TalkingPointForm
from .invite import meeting_ics, meeting_title
from .models import Series
from .rules import led_units

SECTIONS = {"points": "meetings/_points.html", "actions": "meetings/_actions.html", "notes": "meetings/_notes.html"}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """My meetings: the next three weeks, my series, what I could still set up."""
    mine = selectors.my_series(request.user)
    led = {pk for pk, _parent, _lineage in led_units(request.user)}
    have = {(s.unit_id, s.kind) for s in mine if s.unit_id}
    missing = [(unit, kind, label) for unit in units_visible_to(request.user).filter(pk__in=led).order_by("path")
               for kind, label in Series.Kind.choices if kind in Series.UNIT_KINDS and (unit.pk, kind) not in have]
    return render(request, "meetings/home.html", {
        "upcoming": selectors.upcoming_meetings(request.user), "series": mine, "missing": missing,
        "reports": selectors.reports_without_one_on_one(request.user), "now": timezone.now(),
        "manageable": {s.pk for s in mine if rules.has_perm("meetings.change_series", request.user, s)},
    })


def _context(request: HttpRequest, meeting, **forms: Any) -> dict[str, Any]:
    series = meeting.series
    can_contribute = rules.has_perm("meetings.contribute", request.user, series)
    people = list(selectors.attendees(series)) if can_contribute else []
    me = roles_of(request.user).person
    data = agenda(request.user, meeting)
    for item in data["action_items"]["carried"] + data["action_items"]["new"]:
        item.series = series  # loaded already: the policy asks about the series' unit and people
        item.can_toggle = rules.has_perm("meetings.change_actionitem", request.user, item)
    sides = []
    if series.is_one_on_one:
        sides = [("manager", data["manager_points"],
                  _("From %(name)s (manager)") % {"name": series.manager.full_name}),
                 ("report", data["report_points"], _("From %(name)s") % {"name": series.report.full_name})]
    return {
        "meeting": meeting, "series": series, "title": meeting_title(meeting), "agenda": data,
        "point_sides": sides, "today": timezone.localdate(),
        "can_contribute": can_contribute, "me": me,
        "can_manage": rules.has_perm("meetings.change_series", request.user, series),
        "timeline": selectors.series_meetings(series, around=meeting.scheduled_at),
        "point_form": forms.get("point_form") or TalkingPointForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "action_form": forms.get("action_form") or ActionItemForm(people=people, initial={
            "owner": me.pk if me else None}),
        "is_past": meeting.scheduled_at < timezone.now(),
    }


@require_GET
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, pk)
    return render(request, "meetings/meeting.html", _context(request, meeting))


@require_GET
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, pk)
    url = request.build_absolute_uri(reverse("meetings:meeting", args=[meeting.pk]))
    response = HttpResponse(meeting_ics(meeting, url=url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def _answer(request: HttpRequest, meeting, section: str, *, failed: str = "", form=None) -> HttpResponse:
    """After an inline write: the section under htmx, else back to the page (or the page with errors, 400)."""
    meeting = selectors.meeting_detail(request.user, meeting.pk)
    context = _context(request, meeting, **({failed: form} if failed else {}))
    if request.htmx:
        return render(request, SECTIONS[section], context)
    if failed:
        return render(request, "meetings/meeting.html", context, status=400)
    return redirect("meetings:meeting", meeting.pk)


def _write(request: HttpRequest, meeting, section: str, form_name: str, form, call) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            for field, errors in (exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return _answer(request, meeting, section)
    return _answer(request, meeting, section, failed=form_name, form=form)


@require_POST
def point_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, pk)
    return _write(request, meeting, "points", "point_form", TalkingPointForm(request.POST), lambda data: (
        services.talking_point_add(meeting=meeting, by=request.user, text=data["text"])))


@require_POST
def point_toggle(request: HttpRequest, pk: int, point_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, pk)
    point = selectors.talking_point_detail(request.user, point_id)
    if point.series_id != meeting.series_id:
        raise Http404
    services.talking_point_update(point=point, by=request.user, closed=point.closed_at is None, meeting=meeting)
    return _answer(request, meeting, "points")


@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, pk)
    return _write(request, meeting, "notes", "note_form", NoteForm(request.POST), lambda data: (
        services.note_add(meeting=meeting, by=request.user, text=data["text"], kind=data["kind"])))


@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, pk)
    if not rules.has_perm("meetings.contribute", request.user, meeting.series):
        raise PermissionDenied
    form = ActionItemForm(request.POST, people=selectors.attendees(meeting.series))
    return _write(request, meeting, "actions", "action_form", form, lambda data: services.action_item_add(
        meeting=meeting, by=request.user, text=data["text"], owner=data["owner"], due_on=data["due_on"]))


@require_POST
def action_toggle(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, pk)
    item = selectors.action_item_detail(request.user, item_id)
    if item.series_id != meeting.series_id:
        raise Http404
    services.action_item_update(item=item, by=request.user, done=item.done_at is None)
    return _answer(request, meeting, "actions")


@require_http_methods(["GET", "POST"])
def series_new(request: HttpRequest) -> HttpResponse:
    """Set up a series: ``?kind=…&unit=…`` for a unit, ``?kind=one_on_one&report=…`` for a one-on-one."""
    kind = request.GET.get("kind", "")
    if kind not in Series.Kind.values:
        raise Http404
    unit = report = None
    if kind == Series.Kind.ONE_ON_ONE:
        report = fetch(Person.objects.select_related("unit"), request.GET.get("report", ""))
    else:
        unit = unit_detail(request.user, request.GET.get("unit", ""))
    me = roles_of(request.user).person
    probe = Series(kind=kind, unit=unit, report=report, manager=me if report is not None else None)
    if not rules.has_perm("meetings.change_series", request.user, probe):
        raise PermissionDenied
    defaults = {**services.DEFAULTS[kind], "starts_on": timezone.localdate(), "active": True}
    form = SeriesForm(request.POST or None, initial=defaults)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "active"}
        try:
            series = services.series_create(by=request.user, kind=kind, unit=unit, report=report, **data)
        except ValidationError as exc:
            form.add_error(None, [m for ms in exc.message_dict.values() for m in ms]
                           if hasattr(exc, "error_dict") else exc.messages)
        else:
            messages.success(request, _("Meetings scheduled."))
            return redirect("meetings:series_edit", series.pk)
    return render(request, "meetings/series_form.html", {
        "form": form, "kind_label": Series.Kind(kind).label, "unit": unit, "report": report, "series": None,
    }, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    series = selectors.series_detail(request.user, pk)
    if not rules.has_perm("meetings.change_series", request.user, series):
        raise PermissionDenied
    initial = {name: getattr(series, name) for name in services.SCHEDULE_FIELDS} | {"active": series.active}
    form = SeriesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_update(series=series, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, [m for ms in exc.message_dict.values() for m in ms]
                           if hasattr(exc, "error_dict") else exc.messages)
        else:
            messages.success(request, _("Schedule saved."))
            return redirect("meetings:series_edit", series.pk)
    upcoming = list(series.meetings.filter(scheduled_at__gte=timezone.now()).select_related("presenter")
                    .order_by("scheduled_at")[:6])
    return render(request, "meetings/series_form.html", {
        "form": form, "kind_label": series.get_kind_display(), "unit": series.unit, "report": series.report,
        "series": series, "upcoming": upcoming,
    }, status=400 if request.method == "POST" else 200)
