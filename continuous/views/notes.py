"""A manager's private notes: my notes (about one report or all, searched), a new note, one note to edit."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.paging import page_number
from people.roles import roles_of
from people.selectors import people_visible_to

from .. import selectors, services
from ..forms import NoteEditForm, NoteForm
from ..selectors.notes import PER_PAGE, QUERY_LIMIT
from .common import run_form, tabs


@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest) -> HttpResponse:
    """The reader's notes (HR admin: everyone's), ``?about=`` one person, ``?q=`` words; POST adds a note."""
    reports = selectors.note_subjects(request.user)
    about = _person(request)
    form = NoteForm(request.POST or None, reports=reports, initial={"about": about.pk if about else None})
    refusal = None
    if request.method == "POST":
        note, refusal = run_form(form, lambda data: services.note_create(
            by=request.user, about=data["about"], text=data["text"]))
        if note is not None:
            messages.success(request, _("Note saved. Only you read it."))
            return redirect(reverse("continuous:notes") + f"?about={note.about_id}#note-{note.pk}")
    query = request.GET.get("q", "")[:QUERY_LIMIT].strip()
    qs = selectors.notes_visible_to(request.user)
    if about is not None:
        qs = qs.filter(about_id=about.pk)
    if query:
        qs = selectors.notes_search(qs, query)
    count = qs.count()
    page = page_number(request.GET.get("page"))
    rows = list(qs.order_by("-created_at", "-pk")[(page - 1) * PER_PAGE:page * PER_PAGE])
    return render(request, "continuous/notes.html", {
        "form": form, "refusal": refusal, "notes": rows, "count": count, "page": page,
        "has_next": page * PER_PAGE < count, "about": about, "query": query, "reports": reports,
        "tabs": tabs(roles_of(request.user)), "findings": form.coach_findings(),
    }, status=400 if refusal else 200)


def _person(request: HttpRequest):
    try:
        return people_visible_to(request.user).filter(pk=int(request.GET.get("about", ""))).first()
    except (TypeError, ValueError, OverflowError):
        return None


@require_http_methods(["GET", "POST"])
def note_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One note: its author edits it (POST); HR admin reads it (403 on POST)."""
    note = selectors.note_detail(request.user, pk)
    form = NoteEditForm(request.POST or None, initial={"text": note.text})
    refusal = None
    if request.method == "POST":
        saved, refusal = run_form(form, lambda data: services.note_update(note=note, by=request.user,
                                                                           text=data["text"]))
        if saved is not None:
            messages.success(request, _("Note saved."))
            return redirect(reverse("continuous:notes") + f"?about={note.about_id}#note-{note.pk}")
    return render(request, "continuous/note.html", {
        "note": note, "form": form, "refusal": refusal, "tabs": tabs(roles_of(request.user)),
        "can_edit": note.author_id == getattr(roles_of(request.user).person, "pk", None),
        "findings": form.coach_findings(),
    }, status=400 if refusal else 200)
