"""The feedback inbox (asks to answer, feedback received and given, my asks, my team), giving feedback,
asking for it, and the pages of one piece of feedback and one ask."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.refusal import forbid
from people.models import Person
from people.roles import roles_of

from .. import selectors, services
from ..forms import AnswerForm, AskForm, FeedbackForm
from ..rules import me_of
from .common import run_form, tabs


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    data = selectors.feedback_inbox(request.user)
    for row in data["to_answer"]:
        # One form per ask, each with its own ids; shared with the person by default when they asked themselves.
        row.form = AnswerForm(auto_id=f"ask-{row.ask_id}-%s", initial={"visibility": _default_visibility(row.ask)})
    return render(request, "continuous/inbox.html", {**data, "tabs": tabs(roles), "me": me_of(request.user)})


def _default_visibility(asked) -> str:
    return "shared_with_person" if asked.asker_id == asked.about_id else "private_to_manager"


def _about(request: HttpRequest) -> list[int]:
    try:
        pk = int(request.GET.get("about", ""))
    except (TypeError, ValueError, OverflowError):
        return []
    return [pk] if Person.objects.filter(pk=pk, state=Person.State.ACTIVE).exists() else []


@require_http_methods(["GET", "POST"])
def give(request: HttpRequest) -> HttpResponse:
    """Feedback about a colleague (``?about=``), private to their managers or shared with them."""
    if me_of(request.user) is None:
        raise forbid(_("Only people of the organisation give feedback."))
    form = FeedbackForm(request.POST or None, initial={"about": _about(request)})
    refusal = None
    if request.method == "POST":
        feedback, refusal = run_form(form, lambda data: services.feedback_create(
            by=request.user, about=data["about"], text=data["text"], visibility=data["visibility"]))
        if feedback is not None:
            messages.success(request, _("Feedback saved. Thank you."))
            return redirect("continuous:feedback_detail", feedback.pk)
    return render(request, "continuous/give.html", {
        "form": form, "refusal": refusal, "tabs": tabs(roles_of(request.user)), "findings": form.coach_findings(),
    }, status=400 if refusal else 200)


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """Ask named colleagues one question about oneself, or (a manager) about a direct report."""
    me = me_of(request.user)
    if me is None:
        raise forbid(_("Only people of the organisation ask for feedback."))
    reports = list(Person.objects.filter(manager_id=me.pk, state=Person.State.ACTIVE).order_by("full_name", "pk"))
    about = _about(request)
    form = AskForm(request.POST or None, me=me, reports=reports, initial={"about": about[0] if about else me.pk})
    refusal = None
    if request.method == "POST":
        made, refusal = run_form(form, lambda data: services.feedback_ask_create(
            by=request.user, about=data["about"] or me.pk, respondents=list(data["respondents"]),
            question=data["question"]))
        if made is not None:
            messages.success(request, _("Asked. They find it in their feedback inbox."))
            return redirect("continuous:ask_detail", made.pk)
    return render(request, "continuous/ask.html", {
        "form": form, "refusal": refusal, "tabs": tabs(roles_of(request.user)), "findings": form.coach_findings(),
    }, status=400 if refusal else 200)


@require_GET
def feedback_page(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = selectors.feedback_detail(request.user, pk)
    return render(request, "continuous/feedback.html", {
        "feedback": feedback, "me": me_of(request.user), "tabs": tabs(roles_of(request.user))})


@require_http_methods(["GET", "POST"])
def ask_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One ask: its question, who was asked and who answered (as the reader may see), the answers they may
    read, and the answer form for a respondent who has not answered (POST saves it)."""
    asked = selectors.ask_detail(request.user, pk)
    me = me_of(request.user)
    mine = next((r for r in asked.respondent_rows.all() if me is not None and r.person_id == me.pk), None)
    can_answer = mine is not None and mine.answered_at is None and asked.about.active
    form = AnswerForm(request.POST or None, initial={"visibility": _default_visibility(asked)})
    refusal = None
    if request.method == "POST":
        if not rules.has_perm("continuous.answer_feedbackask", request.user, asked) or not can_answer:
            raise forbid(_("Only a colleague who was asked answers, once."))
        answer, refusal = run_form(form, lambda data: services.feedback_create(
            by=request.user, about=asked.about_id, text=data["text"], visibility=data["visibility"], request=asked))
        if answer is not None:
            messages.success(request, _("Answer sent. Thank you."))
            return redirect(reverse("continuous:feedback") + "#to-answer")
    return render(request, "continuous/ask_page.html", {
        "ask": asked, "respondents": selectors.respondents_shown(request.user, asked), "can_answer": can_answer,
        "mine": mine, "form": form, "refusal": refusal, "tabs": tabs(roles_of(request.user)),
        "findings": form.coach_findings(), "self_ask": asked.asker_id == asked.about_id,
    }, status=400 if refusal else 200)
