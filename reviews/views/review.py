"""A review's page: the self-review (autosaved), the respondent list, the manager review and the
transitions the caller may run. The employee, their managers, HR partner and HR admin see it (others 404)."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from common.refusal import Refusal, attempt, forbid, form_refusal, put_on_form, refused_page
from people.models import Person
from people.roles import roles_of
from people.selectors import search_people
from workflows.registry import transition_labels
from workflows.runner import available_transitions, run_transition
from workflows.selectors import logs_of

from ..forms import (
    NEEDS_REASON,
    NominateForm,
    ReasonForm,
    answer_rows,
    answers_from_post,
    mark_missing,
    version_from_post,
)
from ..models import FeedbackRequest, Review
from ..selectors import review_detail, review_parts, review_questions
from ..selectors.calibration import evidence_trail
from ..selectors.conversations import conversation_of_review
from ..services import feedback_request_create, review_manager_save, review_self_save
from ..services.feedback import NOMINATION_STATES
from ..services.reviews import MANAGER_EDITABLE, SELF_EDITABLE

# Run from the forms' own buttons (after saving the draft), not from the generic transition buttons.
FORM_TRANSITIONS = {"submit_self_review", "submit_manager_review"}
# Returns the employee reads the reason of, above their review, until they move the step on.
RETURNS = {"return_goals": "goals_draft", "return_self_review": "self_review", "reopen": "self_review"}
FORM_LABELS = {"final_rating": (gettext_lazy("Preliminary final rating"), "final-rating"),
               "potential": (gettext_lazy("Potential"), "potential"),
               "public_goals": (gettext_lazy("Goals any respondent may assess"), "public-goals")}


def _levels(scale) -> list[tuple[int, str]]:
    return [(level.value, level.label) for level in scale.levels.all()] if scale else []


def _context(request: HttpRequest, review: Review, *, posted_self=None, posted_manager=None, refusal=None,
             nominate_form=None, failed=None) -> dict:
    """Everything the review page shows, from the loaded review (no query per request or question).

    ``posted_*`` put back what a refused POST carried, so the text the person typed is never lost; ``failed``
    names the form it came from (``self``, ``manager``, ``nominate`` or a transition), whose fields show the
    refusal's messages beside them.
    """
    user = request.user
    parts = review_parts(review, user)
    allowed = available_transitions(review, user)
    self_part, manager_part = parts.get("self_review"), parts.get("manager_review")
    context = {
        "review": review, "parts": parts, "goals": parts["goals"], "refusal": refusal,
        "is_reviewee": review.person_id == getattr(roles_of(user).person, "pk", None),
        "self_rows": None, "manager_rows": None, "public_goals": set((self_part or {}).get("public_goals") or []),
        "final_levels": _levels(review.cycle.final_scale), "potential_levels": _levels(review.cycle.potential_scale),
        "feedback": parts.get("feedback"), "feedback_score": parts.get("feedback_score"),
        "group_choices": FeedbackRequest.Group.choices, "request_states": FeedbackRequest.State.choices,
        "failed": failed or {},
    }
    # The reason of a step back, for the employee who must act on it.
    context["returned"] = _returned(review) if context["is_reviewee"] else None
    # The self-review: a form for the employee while it is a draft, read-only for readers once submitted.
    context["can_write_self"] = (rules.has_perm("reviews.write_self_review", user, review)
                                 and review.state in SELF_EDITABLE)
    context["can_submit_self"] = context["can_write_self"] and review.state == Review.State.SELF_REVIEW
    if self_part is not None:
        asked = [q for q in parts["questions"] if q["author"] == "self"]
        context["self_rows"] = answer_rows(asked, self_part["answers"] if posted_self is None else posted_self)
        if refusal is not None and posted_self is not None:
            mark_missing(context["self_rows"], refusal.label({"answers": (_("Self-review"), "self-review")}))
    # The manager review: a form for the review's manager, read-only for the others who may read it.
    context["can_write_manager"] = (rules.has_perm("reviews.write_manager_review", user, review)
                                    and review.state in MANAGER_EDITABLE)
    context["can_submit_manager"] = "submit_manager_review" in allowed
    if manager_part is not None:
        posted = posted_manager or {}
        asked = [q for q in parts["questions"] if q["author"] == "manager"]
        context["manager_rows"] = answer_rows(asked, posted.get("answers", manager_part["answers"]))
        context["manager_rating"] = posted.get("final_rating", review.preliminary_rating)
        context["manager_potential"] = posted.get("potential", manager_part.get("potential"))
        if refusal is not None and posted_manager is not None:
            mark_missing(context["manager_rows"], refusal.label({"answers": (_("Manager review"), "manager-review")}))
    # The respondents, each with what the caller may do to it.
    by_request = {r.pk: available_transitions(r, user) for r in review._requests}
    context["respondents"] = [{**row, "transitions": by_request.get(row["id"], [])}
                              for row in parts.get("respondents", [])]
    context["can_nominate"] = (rules.has_perm("reviews.add_feedbackrequest", user, review)
                               and review.state in NOMINATION_STATES)
    context["nominate_form"] = nominate_form or NominateForm(goals=parts["goals"])
    # The other transitions, as buttons (with a reason where the flow asks for one).
    # Acknowledging is offered once, with the results at the top of the page (see the results conversation below).
    transitions = [name for name in allowed if name not in FORM_TRANSITIONS and name != "acknowledge"]
    context["transition_labels"] = transition_labels(Review, transitions)
    context["can_acknowledge"] = "acknowledge" in allowed
    context["needs_reason"] = NEEDS_REASON
    # The evidence trail beside the manager review: each goal's key results and check-ins (not for the employee,
    # who has their goals pages).
    if manager_part is not None and not context["is_reviewee"]:
        context["evidence"] = evidence_trail(user, review)
    # The results conversation, from release on (one query).
    if review.is_released:
        conversation = conversation_of_review(review)
        context["conversation"] = conversation
        context["can_start_conversation"] = conversation is None and rules.has_perm(
            "reviews.add_conversation", user, review)
        # With a conversation, the employee's one acknowledgement is the conversation's (it acknowledges the
        # review too), once the conversation was held.
        context["conversation_transitions"] = available_transitions(conversation, user) if conversation else []
    return context


def _returned(review: Review):
    """The last step back the employee must act on (returned goals or self-review, a reopened self-review),
    with its reason: None once they moved on. One query, through the transition log's selectors, only in the
    states a step back leads to (the review page stays within its budget of 20 queries)."""
    if review.state not in RETURNS.values():
        return None
    last = logs_of(Review, [review.pk]).select_related("by__person").order_by("-at", "-pk").first()
    if last is None or RETURNS.get(last.transition) != last.target or last.target != review.state:
        return None
    return {"transition": last.transition, "reason": last.reason, "at": last.at,
            "by": getattr(getattr(last.by, "person", None), "full_name", "")}


@require_GET
def review_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_detail(request.user, pk)
    return render(request, "reviews/review.html", _context(request, review))


def _saved_status(request: HttpRequest, *, version: int | None, refusal: Refusal | None = None) -> HttpResponse:
    # htmx swaps only 2xx answers: the autosave's refusals come back as 200 with the message in the status.
    return render(request, "reviews/_save_status.html", {"version": version, "refusal": refusal})


def _save(request: HttpRequest, pk: int, *, perm: str, save, submit: str) -> HttpResponse:
    review = review_detail(request.user, pk)
    if not rules.has_perm(perm, request.user, review):
        return refused_page(request, forbid(), back=reverse("reviews:review", args=[review.pk]))
    try:
        # The draft is saved first and kept even when the submission is then refused (a missing answer).
        saved = attempt(lambda: save(review))
        if not request.htmx and request.POST.get("submit"):
            attempt(lambda: run_transition(saved, submit, by=request.user))
    except Refusal as refusal:
        if request.htmx:
            current = refusal.conflict.version if refusal.conflict else None
            return _saved_status(request, version=current, refusal=refusal)
        posted = answers_from_post(request.POST, review_questions(
            review, authors=("self",) if submit == "submit_self_review" else ("manager",)))
        if submit == "submit_self_review":
            extra = {"posted_self": posted, "failed": {"form": "self"}}
        else:
            extra = {"posted_manager": {"answers": posted,
                                        "final_rating": _int_or_none(request.POST.get("final_rating")),
                                        "potential": _int_or_none(request.POST.get("potential"))},
                     "failed": {"form": "manager"}}
        refusal.label({**FORM_LABELS, NON_FIELD_ERRORS: ("", "respondents")})
        context = _context(request, review_detail(request.user, pk), refusal=refusal, **extra)
        return render(request, "reviews/review.html", context, status=refusal.status)
    if request.htmx:
        return _saved_status(request, version=saved.version)
    if request.POST.get("submit"):
        messages.success(request, _("Submitted."))
    else:
        messages.success(request, _("Saved."))
    return redirect("reviews:review", pk=review.pk)


def _int_or_none(value):
    try:
        return int(value) if value not in ("", None) else None
    except (TypeError, ValueError):
        return value


@require_POST
def self_review_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave (htmx) or save, and with ``submit`` submit the self-review."""
    def save(review: Review) -> Review:
        public = [_int_or_none(g) for g in request.POST.getlist("public_goals")]
        return review_self_save(
            review=review, by=request.user, answers=answers_from_post(request.POST, review_questions(
                review, authors=("self",))), public_goals=public, version=version_from_post(request.POST))

    return _save(request, pk, perm="reviews.write_self_review", save=save, submit="submit_self_review")


@require_POST
def manager_review_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave (htmx) or save, and with ``submit`` submit the manager review."""
    def save(review: Review) -> Review:
        return review_manager_save(
            review=review, by=request.user, answers=answers_from_post(request.POST, review_questions(
                review, authors=("manager",))), final_rating=_int_or_none(request.POST.get("final_rating")),
            potential=_int_or_none(request.POST.get("potential")), version=version_from_post(request.POST))

    return _save(request, pk, perm="reviews.write_manager_review", save=save, submit="submit_manager_review")


@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    """Name a respondent: the employee or their manager; the cycle's limits answer 400 beside the form's fields."""
    review = review_detail(request.user, pk)
    back = reverse("reviews:review", args=[review.pk])
    if not rules.has_perm("reviews.add_feedbackrequest", request.user, review):
        return refused_page(request, forbid(), back=back)
    form = NominateForm(request.POST, goals=review_parts(review, request.user)["goals"])
    respondent = None
    if form.is_valid():
        respondent = Person.objects.filter(pk=form.cleaned_data["respondent"]).first()
        goals = [g for g in review._goals if g.pk in set(form.cleaned_data["goals"])]
        if respondent is None:
            form.add_error("respondent", _("Find a colleague and choose them from the list."))
        else:
            try:
                attempt(lambda: feedback_request_create(review=review, respondent=respondent,
                                                        group=form.cleaned_data["group"], goals=goals,
                                                        by=request.user))
            except Refusal as exc:
                if exc.status != 400:
                    return refused_page(request, exc, back=back)
                put_on_form(form, exc)
            else:
                messages.success(request, _("%(name)s was added as a respondent.") % {"name": respondent.full_name})
                return redirect(back + "#respondents")
    context = _context(request, review_detail(request.user, pk), nominate_form=form,
                       refusal=form_refusal(form), failed={"form": "nominate", "respondent": respondent})
    return render(request, "reviews/review.html", context, status=400)


@require_GET
def respondent_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Up to eight people matching the query, as choices of the nomination form."""
    review = review_detail(request.user, pk)
    people = [p for p in search_people(request.user, request.GET.get("q", ""), limit=9) if p.pk != review.person_id]
    return render(request, "reviews/_respondent_choices.html", {"people": people[:8], "query": request.GET.get("q")})


@require_POST
def review_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Run one of the review's transitions; a reason it needs, missing or refused, shows the page again with
    the message beside the reason and the text kept."""
    review = review_detail(request.user, pk)
    back = reverse("reviews:review", args=[review.pk])
    form = ReasonForm(request.POST, transition=name, levels=_levels(review.cycle.final_scale))
    if form.is_valid():
        data = {"final_rating": form.cleaned_data["final_rating"]} if name == "calibrate" else {}
        try:
            attempt(lambda: run_transition(review, name, by=request.user, reason=form.cleaned_data["reason"], **data))
        except Refusal as refusal:
            if refusal.status != 400:
                return refused_page(request, refusal, back=back)
            put_on_form(form, refusal)
        else:
            messages.success(request, _("Done."))
            return redirect(back)
    context = _context(request, review_detail(request.user, pk), refusal=form_refusal(form),
                       failed={"form": "transition", "transition": name, "reason": request.POST.get("reason", ""),
                               "rating": form.cleaned_data.get("final_rating"), "errors": form.errors})
    return render(request, "reviews/review.html", context, status=400)
