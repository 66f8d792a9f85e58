"""The results conversation page: the agenda from the review, the shared notes, the manager's private notes
(only for the manager's side and HR), agreed actions, development goals for the next period, the employee's
feedback and disagreement, and both acknowledgements."""

from __future__ import annotations

import datetime as dt

import rules
from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from common.refusal import Refusal, attempt, refused_page
from okrs.models import Period
from workflows.registry import transition_labels
from workflows.runner import available_transitions, run_transition

from ..models import Conversation
from ..selectors import review_detail
from ..selectors.conversations import (
    conversation_agenda,
    conversation_detail,
    conversation_development_goals,
    conversation_ics,
    conversation_parts,
)
from ..services import conversation_create, conversation_development_goal_add, conversation_update

TEXT_FIELDS = ("notes", "private_notes", "employee_feedback", "disagreement")


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(label=gettext_lazy("Date and time"),
                             widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    duration_minutes = forms.IntegerField(label=gettext_lazy("Duration (minutes)"), min_value=5, max_value=480,
                                          initial=45)


class DevelopmentGoalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Development goal"), max_length=300)
    period = forms.ModelChoiceField(label=gettext_lazy("Period"), queryset=Period.objects.none(), required=False)
    due_date = forms.DateField(label=gettext_lazy("Due date"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The next periods: a conversation plans what comes after the cycle.
        self.fields["period"].queryset = Period.objects.filter(end__gte=dt.date.today()).order_by("start")[:8]


def _context(request: HttpRequest, conversation: Conversation) -> dict:
    user = request.user
    parts = conversation_parts(conversation, user)
    allowed = available_transitions(conversation, user)
    return {
        "conversation": conversation, "review": conversation.review, "parts": parts,
        "agenda": conversation_agenda(conversation, user),
        "can_see_private": "private_notes" in parts,
        "can_write_manager": rules.has_perm("reviews.write_conversation_private", user, conversation),
        "can_write_employee": rules.has_perm("reviews.write_conversation_employee", user, conversation),
        "can_lead": rules.has_perm("reviews.lead_conversation", user, conversation),
        "transitions": transition_labels(Conversation, allowed), "schedule_form": ScheduleForm(),
        "goal_form": DevelopmentGoalForm(), "actions_text": "\n".join(conversation.actions or []),
        "development_goals": conversation_development_goals(conversation),
    }


@require_POST
def conversation_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan the conversation of a released review (or open the one that exists)."""
    review = review_detail(request.user, pk)
    existing = Conversation.objects.filter(review_id=review.pk).first()
    if existing is not None:
        return redirect("reviews:conversation", existing.pk)
    try:
        created = attempt(lambda: conversation_create(review=review, by=request.user))
    except Refusal as refusal:
        return refused_page(request, refusal, back=reverse("reviews:review", args=[review.pk]))
    return redirect("reviews:conversation", created.pk)


@require_GET
def conversation_page(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_detail(request.user, pk)
    return render(request, "reviews/conversation.html", _context(request, conversation))


@require_POST
def conversation_save(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_detail(request.user, pk)
    back = reverse("reviews:conversation", args=[conversation.pk])
    changes = {name: request.POST[name] for name in TEXT_FIELDS if name in request.POST}
    if "actions" in request.POST:
        changes["actions"] = request.POST["actions"]
    try:
        attempt(lambda: conversation_update(conversation=conversation, by=request.user, **changes))
    except Refusal as refusal:
        return refused_page(request, refusal, back=back)
    messages.success(request, _("Saved."))
    return redirect(back)


@require_POST
def conversation_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    conversation = conversation_detail(request.user, pk)
    back = reverse("reviews:conversation", args=[conversation.pk])
    data: dict = {}
    if name == "schedule":
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            return refused_page(request, Refusal(400, _("Please correct the problems below."), errors=form.errors),
                                back=back)
        data = {"at": form.cleaned_data["at"], "duration_minutes": form.cleaned_data["duration_minutes"]}
    elif name == "hold":
        data = {key: request.POST[key] for key in ("notes", "private_notes", "actions") if key in request.POST}
    try:
        attempt(lambda: run_transition(conversation, name, by=request.user, **data))
    except Refusal as refusal:
        return refused_page(request, refusal, back=back)
    messages.success(request, _("Done."))
    return redirect(back)


@require_POST
def conversation_goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_detail(request.user, pk)
    back = reverse("reviews:conversation", args=[conversation.pk])
    form = DevelopmentGoalForm(request.POST)
    if not form.is_valid():
        return refused_page(request, Refusal(400, _("Please correct the problems below."), errors=form.errors),
                            back=back)
    try:
        attempt(lambda: conversation_development_goal_add(conversation=conversation, by=request.user,
                                                          **form.cleaned_data))
    except Refusal as refusal:
        return refused_page(request, refusal, back=back)
    messages.success(request, _("Development goal added."))
    return redirect(back)


@require_GET
def conversation_invite(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_detail(request.user, pk)
    if conversation.scheduled_at is None:
        raise Http404("The conversation is not scheduled yet.")
    url = request.build_absolute_uri(reverse("reviews:conversation", args=[conversation.pk]))
    response = HttpResponse(conversation_ics(conversation, url=url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conversation-{conversation.pk}.ics"'
    return response
