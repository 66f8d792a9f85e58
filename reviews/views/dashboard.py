"""The HR dashboard of a cycle (HR admin, HR partners for their units; 404 for anyone else): completion per
phase and per unit, the overdue tasks with a one-click reminder, the rating distribution, and the results
export (CSV, XLSX) of the reviews the exporter reads."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from common.exports import csv_response, xlsx_response
from notifications.services import Message, notify_many

from ..notifications import OVERDUE_SUBJECT, _context
from ..selectors.calibration import histogram_of
from ..selectors.dashboard import completion, dashboard_cycle_detail, export_rows, overdue_tasks
from ..selectors.writing import specificity_by_unit

PHASE_LABELS = {
    "goals": gettext_lazy("Goals agreed"), "self_review": gettext_lazy("Self-reviews submitted"),
    "feedback": gettext_lazy("Feedback answered"), "manager_review": gettext_lazy("Manager reviews submitted"),
    "calibration": gettext_lazy("Ratings final"), "conversation": gettext_lazy("Results conversations held"),
}


@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = dashboard_cycle_detail(request.user, pk)
    progress = completion(cycle, request.user, unit_page=request.GET.get("units", 1))
    for phase in progress["phases"]:
        phase["label"] = PHASE_LABELS[phase["phase"]]
    return render(request, "reviews/dashboard.html", {
        "cycle": cycle, "progress": progress, "current_label": PHASE_LABELS[progress["current"]],
        "overdue": overdue_tasks(cycle, request.user, today=timezone.localdate(), page=request.GET.get("overdue", 1)),
        "histogram": histogram_of(progress["ratings"], cycle),
        "writing": specificity_by_unit(cycle, request.user, unit_page=request.GET.get("writing", 1)),
    })


@require_POST
def dashboard_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """Remind the people behind overdue tasks (one, or all shown); at most once per task and day."""
    cycle = dashboard_cycle_detail(request.user, pk)
    tasks = overdue_tasks(cycle, request.user, today=timezone.localdate(), limit=10_000)["tasks"]
    wanted = request.POST.get("task", "")
    chosen = [t for t in tasks if not wanted or _task_key(t) == wanted]
    if wanted and not chosen:
        raise Http404("No such overdue task.")
    sent = notify_many([
        Message(t["recipient"].pk, f"hr-reminder:{_task_key(t)}", OVERDUE_SUBJECT, "reminder", {
            **_context(t["kind"], cycle, t["person"], review_id=t["review"] and t["review"].pk,
                       request_id=t["request"] and t["request"].pk, deadline=t["deadline"]), "overdue": True})
        for t in chosen
    ])
    messages.success(request, _("Reminders sent: %(n)s (each person is reminded at most once a day).") % {"n": sent})
    return redirect(reverse("reviews:dashboard", args=[cycle.pk]) + "#overdue")


def _task_key(task: dict) -> str:
    target = task["request"] or task["review"]
    return f"{'request' if task['request'] else 'review'}:{target.pk}:{task['kind']}"


@require_GET
def dashboard_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    cycle = dashboard_cycle_detail(request.user, pk)
    header, rows = export_rows(cycle, request.user)
    name = f"results-cycle-{cycle.pk}.{fmt}"
    if fmt == "csv":
        return csv_response(name, header, rows)
    if fmt == "xlsx":
        return xlsx_response(name, _("Results"), header, rows)
    raise Http404("Unknown format.")
