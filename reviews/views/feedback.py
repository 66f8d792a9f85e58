"""A feedback request's page: the respondent answers (autosaved) about the goals they were named on and
any goal made public, submits, or declines with a reason. Readers of the review see that it exists."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.refusal import Refusal, attempt, forbid, form_refusal, put_on_form, refused_page
from people.roles import roles_of
from workflows.runner import available_transitions, run_transition

from ..forms import ReasonForm, answer_rows, answers_from_post, mark_missing, version_from_post
from ..models import FeedbackRequest
from ..selectors import (
    decline_reason_visible,
    feedback_request_detail,
    request_answers_visible,
    request_questions,
    request_state_for,
)
from ..services import feedback_answers_save


def _context(request: HttpRequest, feedback: FeedbackRequest, *, posted=None, refusal=None, failed=None) -> dict:
    """The page; after a refused POST, ``posted`` answers or the ``failed`` decline keep what was typed."""
    user = request.user
    asked = request_questions(feedback)
    named = {g.pk for g in feedback.goals.all()}
    can_answer = (rules.has_perm("reviews.answer_feedbackrequest", user, feedback)
                  and feedback.state == FeedbackRequest.State.APPROVED)
    show_answers = request_answers_visible(feedback, user)
    rows = answer_rows(asked, posted if posted is not None else feedback.answers) if show_answers else None
    if rows is not None and refusal is not None and posted is not None:
        mark_missing(rows, refusal.label({"answers": (_("Your answers"), "answers-title")}))
    return {
        "feedback": feedback, "rows": rows, "can_answer": can_answer, "named_goals": named,
        # As the reader may know it: the reviewee does not learn who answered unless feedback is named.
        "state": request_state_for(feedback, user),
        "transitions": available_transitions(feedback, user), "refusal": refusal, "failed": failed or {},
        "public_goals": [g for g in feedback._public_goals if g.pk not in named],
        "decline_reason": feedback.decline_reason if decline_reason_visible(feedback, user) else "",
    }


def _back(feedback: FeedbackRequest) -> str:
    return reverse("reviews:request", args=[feedback.pk])


@require_GET
def request_page(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = feedback_request_detail(request.user, pk)
    return render(request, "reviews/request.html", _context(request, feedback))


@require_POST
def request_answers_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave (htmx) or save the respondent's answers, and with ``submit`` send them."""
    feedback = feedback_request_detail(request.user, pk)
    if not rules.has_perm("reviews.answer_feedbackrequest", request.user, feedback):
        return refused_page(request, forbid(_("Only the respondent answers.")), back=_back(feedback))
    answers = answers_from_post(request.POST, request_questions(feedback))
    try:
        saved = attempt(lambda: feedback_answers_save(request=feedback, by=request.user, answers=answers,
                                                      version=version_from_post(request.POST)))
        if not request.htmx and request.POST.get("submit"):
            attempt(lambda: run_transition(saved, "submit", by=request.user))
    except Refusal as refusal:
        if request.htmx:
            version = refusal.conflict.version if refusal.conflict else None
            return render(request, "reviews/_save_status.html", {"version": version, "refusal": refusal})
        context = _context(request, feedback_request_detail(request.user, pk), posted=answers, refusal=refusal)
        return render(request, "reviews/request.html", context, status=refusal.status)
    if request.htmx:
        return render(request, "reviews/_save_status.html", {"version": saved.version})
    messages.success(request, _("Thank you: your feedback was sent.") if request.POST.get("submit") else _("Saved."))
    return redirect("reviews:request", pk=feedback.pk)


@require_POST
def request_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Decline (with a reason), cancel or approve one request; a missing reason shows the page again with
    the message beside it and the text kept."""
    feedback = feedback_request_detail(request.user, pk)
    respondent = feedback.respondent_id == getattr(roles_of(request.user).person, "pk", None)
    # Cancel and approve are run from the review's list of respondents: a refusal leads back there.
    back = _back(feedback) if respondent else reverse("reviews:review", args=[feedback.review_id]) + "#respondents"
    form = ReasonForm(request.POST, transition=name)
    form.anchors["reason"] = "decline-reason"
    if form.is_valid():
        try:
            attempt(lambda: run_transition(feedback, name, by=request.user, reason=form.cleaned_data["reason"]))
        except Refusal as refusal:
            if refusal.status != 400:
                return refused_page(request, refusal, back=back)
            put_on_form(form, refusal)
        else:
            messages.success(request, _("Done."))
            return redirect("reviews:tasks") if respondent else redirect(back)
    context = _context(request, feedback, refusal=form_refusal(form),
                       failed={"reason": request.POST.get("reason", ""), "errors": form.errors})
    return render(request, "reviews/request.html", context, status=400)
