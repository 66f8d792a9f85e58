""""My reviews" (everyone: their own reviews, current and past) and "My team" (managers: their reports' reviews
in the current cycles, with the results conversations), both linked from the main navigation."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..models import Review
from ..selectors.mine import my_reviews, my_team

S = Review.State

# Where a review stands, in the employee's words.
OWN_STATUS = {
    S.GOALS_DRAFT: _("Set your goals and submit them"),
    S.GOALS_SUBMITTED: _("Goals submitted: your manager agrees them"),
    S.GOALS_AGREED: _("Goals agreed: the self-review opens next"),
    S.SELF_REVIEW: _("Write your self-review"),
    S.SELF_SUBMITTED: _("Self-review submitted: your manager approves your respondents"),
    S.RESPONDENTS_APPROVED: _("Feedback is being collected, then your manager writes the review"),
    S.MANAGER_SUBMITTED: _("Manager review written: results come when HR releases them"),
    S.CALIBRATED: _("Manager review written: results come when HR releases them"),
    S.RELEASED: _("Results released: read them and acknowledge"),
    S.ACKNOWLEDGED: _("Results acknowledged"),
    S.CLOSED: _("Closed"),
    S.WITHDRAWN: _("Withdrawn from the cycle"),
}

# Where a report's review stands, in the manager's words.
TEAM_STATUS = {
    S.GOALS_DRAFT: _("Writing goals"),
    S.GOALS_SUBMITTED: _("Goals to agree"),
    S.GOALS_AGREED: _("Goals agreed"),
    S.SELF_REVIEW: _("Writing the self-review"),
    S.SELF_SUBMITTED: _("Respondents to approve"),
    S.RESPONDENTS_APPROVED: _("Feedback and manager review"),
    S.MANAGER_SUBMITTED: _("Manager review submitted"),
    S.CALIBRATED: _("Calibrated"),
    S.RELEASED: _("Results released"),
    S.ACKNOWLEDGED: _("Results acknowledged"),
    S.CLOSED: _("Closed"),
    S.WITHDRAWN: _("Withdrawn from the cycle"),
}


def _with_status(rows: list[dict], labels: dict) -> list[dict]:
    return [{**row, "status": labels.get(row["state"]) or row["review"].get_state_display()} for row in rows]


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    data = my_reviews(request.user, today=timezone.localdate(), page=request.GET.get("page", 1))
    return render(request, "reviews/my_reviews.html", {**data, "rows": _with_status(data["rows"], OWN_STATUS)})


@require_GET
def team(request: HttpRequest) -> HttpResponse:
    data = my_team(request.user, today=timezone.localdate(), group=request.GET.get("group", "direct"),
                   cycle=request.GET.get("cycle"), page=request.GET.get("page", 1))
    # The pager keeps the group and the cycle chosen.
    query = urlencode({"group": data["group"], **({"cycle": data["cycle"].pk} if data["cycle"] else {})})
    return render(request, "reviews/my_team.html", {
        **data, "rows": _with_status(data["rows"], TEAM_STATUS), "query": query,
    })
