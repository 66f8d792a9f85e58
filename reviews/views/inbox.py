"""The "my tasks" page: every open task of the user across roles, grouped by kind, with deadlines."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..selectors import inbox

KIND_LABELS = {
    "agree_objective": _("Goals to agree"),
    "submit_goals": _("Goals to submit"),
    "agree_goals": _("Review goals to agree"),
    "write_self_review": _("Self-review to write"),
    "approve_respondents": _("Respondent lists to approve"),
    "give_feedback": _("Feedback to give"),
    "write_manager_review": _("Manager reviews due"),
    "hold_conversation": _("Results conversations to hold"),
    "acknowledge": _("Results to acknowledge"),
}


@require_GET
def tasks(request: HttpRequest) -> HttpResponse:
    groups = inbox(request.user, today=timezone.localdate())
    groups = [{**group, "label": KIND_LABELS[group["kind"]]} for group in groups]
    return render(request, "reviews/tasks.html", {"groups": groups, "total": sum(len(g["tasks"]) for g in groups)})
