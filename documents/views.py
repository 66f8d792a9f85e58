"""Pages of the documents app: HR's index of documents, review summary downloads, the unit and cycle reports, and
PDF batches."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from coach.retrospective import retrospective_context
from common.access import fetch
from common.language import request_language
from common.pdf import pdf_response, render_pdf
from cycles.selectors import cycles_visible_to
from okrs.selectors import period_containing, period_of_day, periods_visible_to
from people.selectors import unit_detail

from .forms import BatchForm
from .models import DownloadLog
from .reports import cycle_report_pdf
from .selectors import batch_detail, may_run_batches, page_of, recent_batches, report_cycles, report_units
from .services import pdf_batch_create
from .summaries import download_logged, review_summary_for, summary_filename
from .tasks import batch_recover
from .unit_report import unit_report_pdf


def _hr_or_404(user) -> None:
    # Not an HR reader: the page does not exist for them (no existence leak).
    if not may_run_batches(user):
        raise Http404("No such page.")


CYCLES_PER_PAGE = 10
UNITS_PER_PAGE = 25


@require_GET
def index(request):
    """What documents HR can have: PDF batches of review summaries, each cycle's report, each unit's OKR report
    (for a chosen period). HR admin and HR partners (their units); 404 for everyone else."""
    _hr_or_404(request.user)
    periods = list(periods_visible_to(request.user).order_by("start", "-end"))
    code = request.GET.get("period", "")
    period = next((p for p in periods if p.code == code), None) or period_of_day(periods, timezone.localdate())
    query = request.GET.get("q", "").strip()
    # The pagers keep the period and the search.
    keep = urlencode({key: value for key, value in (("period", period.code if period else ""), ("q", query)) if value})
    return render(request, "documents/index.html", {
        "batches": recent_batches(request.user, limit=5), "period": period, "periods": periods, "query": query,
        "keep": keep,
        "cycles": page_of(report_cycles(request.user), request.GET.get("cycles"), per_page=CYCLES_PER_PAGE),
        "units": page_of(report_units(request.user, query=query), request.GET.get("units"), per_page=UNITS_PER_PAGE),
    })


@require_GET
def review_summary(request, pk: int):
    language = request_language(request)
    review, content = review_summary_for(request.user, pk, language=language)
    download_logged(user=request.user, kind=DownloadLog.Kind.REVIEW_SUMMARY, review=review, language=language)
    return pdf_response(content, summary_filename(review))


@require_GET
def unit_report(request, pk: int):
    unit = unit_detail(request.user, pk)
    period_id = request.GET.get("period", "")
    if period_id:
        period = fetch(periods_visible_to(request.user), period_id, message="No such period.")
    else:
        period = period_containing(timezone.localdate())
        if period is None:
            raise Http404("No current period.")
    language = request_language(request)
    content = unit_report_pdf(request.user, unit, period, language=language)
    download_logged(user=request.user, kind=DownloadLog.Kind.UNIT_REPORT, subject=f"{unit.path} {period.code}",
                    object_id=unit.pk, language=language)
    return pdf_response(content, f"okr-report-{unit.pk}-{period.code}.pdf")


@require_GET
def cycle_report(request, pk: int):
    _hr_or_404(request.user)
    cycle = fetch(cycles_visible_to(request.user).select_related("final_scale"), pk)
    language = request_language(request)
    content = cycle_report_pdf(request.user, cycle, language=language)
    download_logged(user=request.user, kind=DownloadLog.Kind.CYCLE_REPORT, subject=cycle.name, object_id=cycle.pk,
                    language=language)
    return pdf_response(content, f"cycle-report-{cycle.pk}.pdf")


@require_http_methods(["GET", "POST"])
def batches(request):
    _hr_or_404(request.user)
    form = BatchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        batch = pdf_batch_create(by=request.user, cycle=form.cleaned_data["cycle"], unit=form.cleaned_data["unit"],
                                 copy=form.cleaned_data["copy"], language=request_language(request))
        return redirect("documents:batch", pk=batch.pk)
    return render(request, "documents/batches.html", {"form": form, "batches": recent_batches(request.user)})


@require_GET
def batch(request, pk: int):
    return render(request, "documents/batch.html", {"batch": batch_detail(request.user, pk)})


@require_GET
def batch_progress(request, pk: int):
    """The progress fragment htmx polls every second; it stops polling once the batch is done."""
    batch = batch_detail(request.user, pk)
    if batch_recover(batch):
        batch.refresh_from_db()
    return render(request, "documents/_progress.html", {"batch": batch})


@require_GET
def batch_zip(request, pk: int):
    batch = batch_detail(request.user, pk)
    if not batch.finished or not batch.zip_file:
        raise Http404("The ZIP is not ready.")
    download_logged(user=request.user, kind=DownloadLog.Kind.BATCH_ZIP, subject=str(batch.cycle), object_id=batch.pk,
                    language=batch.language)
    response = FileResponse(default_storage.open(batch.zip_file.name, "rb"), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, f"review-summaries-{batch.pk}.zip")
    return response


@require_GET
def retrospective_pdf(request, unit_id: int | None = None):
    """The period retrospective of the company, or of one unit, as the coach's page shows it."""
    context = retrospective_context(request.user, unit_id, request.GET.get("period"))
    language = request_language(request)
    content = render_pdf("pdf/retrospective.html", context, language=language)
    unit, period = context["unit"], context["period"]
    name = "company" if context["company"] else f"unit-{unit.pk}"
    return pdf_response(content, f"retrospective-{name}-{period.code}.pdf")
