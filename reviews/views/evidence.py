"""A review's evidence from its periods: the panel the self-review and the manager review open (loaded with
htmx when opened, so the review page keeps its queries), and the same list as a page of its own.

Every reader of the review reads it, each as they may (``selectors/evidence.py``): the employee their own
praise, the feedback shared with them, their check-ins and earlier conversations' actions; the chain and HR
all the feedback; nobody another author's notes. The one writing an answer can quote an item into it
(``static/js/evidence.js``).
"""

from __future__ import annotations

import rules
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..api.evidence import evidence_review
from ..selectors.evidence import KINDS, review_evidence
from ..services.reviews import MANAGER_EDITABLE, SELF_EDITABLE

KIND_LABELS = {
    "praise": _("Praise"), "feedback": _("Feedback"), "note": _("Your note"), "check_in": _("Check-in"),
    "key_result_change": _("Key result changed"), "conversation_actions": _("Agreed actions"),
}


def _writing(request: HttpRequest, review) -> str:
    """The answer form the reader is writing now, which a quote goes into ('' for none)."""
    part = request.GET.get("part")
    if part == "self" and review.state in SELF_EDITABLE and rules.has_perm(
            "reviews.write_self_review", request.user, review):
        return "self-review"
    if part == "manager" and review.state in MANAGER_EDITABLE and rules.has_perm(
            "reviews.write_manager_review", request.user, review):
        return "manager-review"
    return ""


@require_GET
def evidence_page(request: HttpRequest, pk: int) -> HttpResponse:
    review = evidence_review(request.user, pk)
    items = review_evidence(request.user, review)
    for item in items:
        item["label"] = KIND_LABELS[item["kind"]]
        day = formats.date_format(item["date"], "DATE_FORMAT")
        credit = ", ".join(x for x in (item["author"], day) if x)
        item["quote"] = f"“{item['text']}” ({item['label']}{': ' + item['title'] if item['title'] else ''}; {credit})"
    counts = [(kind, KIND_LABELS[kind], sum(1 for i in items if i["kind"] == kind)) for kind in KINDS]
    context = {"review": review, "items": items, "counts": [c for c in counts if c[2]],
               "writing": _writing(request, review) if request.htmx else ""}
    template = "reviews/_evidence_items.html" if request.htmx else "reviews/evidence.html"
    return render(request, template, context)
