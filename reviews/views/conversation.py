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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from common.refusal import Refusal, attempt, form_refusal, put_on_form, refused_page
from okrs.models import Period
from workflows.conversation import GRACE
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
TEXT_LABELS = {"notes": (gettext_lazy("Shared notes"), "notes"), "actions": (gettext_lazy("Agreed actions"), "actions"),
               "private_notes": (gettext_lazy("Manager's private notes"), "private_notes"),
               "employee_feedback": (gettext_lazy("Your feedback to your manager"), "employee_feedback"),
               "disagreement": (gettext_lazy("Written disagreement"), "disagreement")}


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(label=gettext_lazy("Date and time"),
                             widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    duration_minutes = forms.IntegerField(label=gettext_lazy("Duration (minutes)"), min_value=5, max_value=480,
                                          initial=45)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser offers no past time (the flow refuses one: page and API alike).
        self.fields["at"].widget.attrs["min"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class DevelopmentGoalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Development goal"), max_length=300)
    period = forms.ModelChoiceField(label=gettext_lazy("Period"), queryset=Period.objects.none(), required=False)
    due_date = forms.DateField(label=gettext_lazy("Due date"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The periods to come (a conversation plans what comes after the cycle): this year's and next year's.
        # A filter, not a slice: a sliced queryset cannot check the chosen period, so every choice was refused.
        today = dt.date.today()
        self.fields["period"].queryset = Period.objects.filter(
            end__gte=today, start__lt=dt.date(today.year + 2, 1, 1)).order_by("start", "-end")


def _context(request: HttpRequest, conversation: Conversation, *, refusal: Refusal | None = None,
             schedule_form: ScheduleForm | None = None, goal_form: DevelopmentGoalForm | None = None,
             posted: dict | None = None) -> dict:
    """The page; after a refused POST, ``refusal`` and the forms or ``posted`` texts keep what was typed."""
    user = request.user
    parts = {**conversation_parts(conversation, user), **(posted or {})}
    allowed = available_transitions(conversation, user)
    # Not offered before its time (the flow refuses it, 400): said instead, with the time it becomes possible.
    held_from = conversation.scheduled_at if "hold" in allowed and conversation.scheduled_at and (
        timezone.now() < conversation.scheduled_at - GRACE) else None
    if held_from:
        allowed = [name for name in allowed if name != "hold"]
    if schedule_form is None:
        at = timezone.localtime(conversation.scheduled_at) if conversation.scheduled_at else None
        schedule_form = ScheduleForm(initial={"at": at, "duration_minutes": conversation.duration_minutes or 45})
    return {
        "conversation": conversation, "review": conversation.review, "parts": parts, "refusal": refusal,
        "agenda": conversation_agenda(conversation, user),
        "can_see_private": "private_notes" in parts,
        "can_write_manager": rules.has_perm("reviews.write_conversation_private", user, conversation),
        "can_write_employee": rules.has_perm("reviews.write_conversation_employee", user, conversation),
        "can_lead": rules.has_perm("reviews.lead_conversation", user, conversation),
        "transitions": transition_labels(Conversation, allowed), "schedule_form": schedule_form,
        "goal_form": goal_form or DevelopmentGoalForm(),
        "actions_text": parts["actions"] if isinstance(parts.get("actions"), str) else "\n".join(
            conversation.actions or []),
        "development_goals": conversation_development_goals(conversation), "held_from": held_from,
    }


def _again(request: HttpRequest, conversation: Conversation, **kwargs) -> HttpResponse:
    """The page again after a 400: the input kept, each message beside its field."""
    return render(request, "reviews/conversation.html", _context(request, conversation, **kwargs), status=400)


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
        if refusal.status != 400:
            return refused_page(request, refusal, back=back)
        return _again(request, conversation, refusal=refusal.label(TEXT_LABELS), posted=changes)
    messages.success(request, _("Saved."))
    return redirect(back)


@require_POST
def conversation_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    conversation = conversation_detail(request.user, pk)
    back = reverse("reviews:conversation", args=[conversation.pk])
    data: dict = {}
    form = None
    if name == "schedule":
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            return _again(request, conversation, refusal=form_refusal(form), schedule_form=form)
        data = {"at": form.cleaned_data["at"], "duration_minutes": form.cleaned_data["duration_minutes"]}
    elif name == "hold":
        data = {key: request.POST[key] for key in ("notes", "private_notes", "actions") if key in request.POST}
    try:
        attempt(lambda: run_transition(conversation, name, by=request.user, **data))
    except Refusal as refusal:
        if refusal.status != 400:
            return refused_page(request, refusal, back=back)
        # A time that cannot be (in the past; held before it): beside the time of the schedule form.
        if form is None:
            at = timezone.localtime(conversation.scheduled_at) if conversation.scheduled_at else None
            form = ScheduleForm({"at": at.strftime("%Y-%m-%dT%H:%M") if at else "",
                                 "duration_minutes": conversation.duration_minutes or 45})
            form.is_valid()
        for key in ("at", "scheduled_at"):
            for message in refusal.on(key):
                form.add_error("at", message)
        refusal.label({"at": (_("Date and time"), "id_at"), "scheduled_at": (_("Date and time"), "id_at"),
                       **TEXT_LABELS})
        return _again(request, conversation, refusal=refusal, schedule_form=form, posted=data)
    messages.success(request, _("Done."))
    return redirect(back)


@require_POST
def conversation_goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_detail(request.user, pk)
    back = reverse("reviews:conversation", args=[conversation.pk])
    form = DevelopmentGoalForm(request.POST)
    if form.is_valid():
        try:
            attempt(lambda: conversation_development_goal_add(conversation=conversation, by=request.user,
                                                              **form.cleaned_data))
        except Refusal as refusal:
            if refusal.status != 400:
                return refused_page(request, refusal, back=back)
            put_on_form(form, refusal)
        else:
            messages.success(request, _("Development goal added."))
            return redirect(f"{back}#dev-title")
    return _again(request, conversation, refusal=form_refusal(form), goal_form=form)


@require_GET
def conversation_invite(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_detail(request.user, pk)
    if conversation.scheduled_at is None:
        raise Http404("The conversation is not scheduled yet.")
    url = request.build_absolute_uri(reverse("reviews:conversation", args=[conversation.pk]))
    response = HttpResponse(conversation_ics(conversation, url=url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conversation-{conversation.pk}.ics"'
    return response
