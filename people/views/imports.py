"""The HR upload page for the org chart import."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from workflows.org_import import import_org

from ..forms import OrgImportForm


@require_http_methods(["GET", "POST"])
def import_org_view(request):
    """HR admins upload a CSV or XLSX org chart; everyone else is told the page does not exist."""
    if not request.user.has_perm("people.import_org"):
        raise Http404
    form = OrgImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = import_org(
                upload.read(), filename=upload.name, by=request.user,
                deactivate_missing=form.cleaned_data["deactivate_missing"], dry_run=form.cleaned_data["dry_run"],
            )
            if not result.ok:
                status = 400
        else:
            status = 400
    return render(request, "people/import.html", {"form": form, "result": result}, status=status)
