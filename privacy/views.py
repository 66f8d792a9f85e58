from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.language import request_language
from workflows.errors import TransitionConflict

from .erasure import erasable, retention_days
from .forms import EraseForm
from .models import PrivacyLog
from .selectors import export_filename, privacy_person_detail
from .services import erase_refusal, person_erase, person_export_create


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """HR admin: who is due for erasure (past the retention period), and the latest exports and erasures."""
    if not request.user.has_perm("privacy.erase_person"):
        raise Http404("No such page.")
    due = Paginator(erasable().select_related("user").order_by("left_at", "pk"), 50).get_page(request.GET.get("page"))
    log = PrivacyLog.objects.order_by("-at", "-pk")[:50]
    return render(request, "privacy/overview.html", {"due": due, "log": log, "retention_days": retention_days()})


def _page(request: HttpRequest, person, form: EraseForm, status: int = 200) -> HttpResponse:
    log = PrivacyLog.objects.filter(subject_id=person.pk).order_by("-at")[:50]
    return render(request, "privacy/person.html", {
        "person": person, "form": form, "refusal": erase_refusal(person), "log": log,
        "retention_days": retention_days(),
    }, status=status)


@require_GET
def person_privacy(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's data: export it, or erase it once they are past the retention period (HR admin; 404 others)."""
    person = privacy_person_detail(request.user, pk)
    return _page(request, person, EraseForm())


@require_POST
def person_export_download(request: HttpRequest, pk: int) -> HttpResponse:
    person = privacy_person_detail(request.user, pk)
    content = person_export_create(person=person, by=request.user, language=request_language(request))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(person)}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def person_erase_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    person = privacy_person_detail(request.user, pk, "privacy.erase_person")
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _page(request, person, form, status=400)
    try:
        person_erase(person=person, by=request.user, reason=form.cleaned_data["reason"])
    except TransitionConflict as conflict:
        messages.error(request, conflict.detail)
        return redirect("privacy:person", pk=person.pk)
    messages.success(request, _("The person's data was erased."))
    return redirect("privacy:person", pk=person.pk)
