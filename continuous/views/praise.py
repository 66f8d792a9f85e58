"""The praise wall (give praise, filter by unit, value and person, react) and one praise's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.paging import page_number
from people.models import Person, Unit
from people.roles import roles_of
from people.selectors import people_visible_to, units_visible_to

from .. import selectors, services
from ..forms import PraiseForm
from ..models import CompanyValue
from .common import run_form, tabs


def _one(qs, value):
    """The object ``?name=`` names, if the reader may see it; a bad or unknown id filters nothing."""
    try:
        return qs.filter(pk=int(value)).first() if value else None
    except (TypeError, ValueError, OverflowError):
        return None


def _filters(request: HttpRequest) -> dict:
    code = request.GET.get("value", "")
    return {
        "unit": _one(units_visible_to(request.user), request.GET.get("unit")),
        "person": _one(people_visible_to(request.user), request.GET.get("person")),
        "value": CompanyValue.objects.filter(code=code).first() if code and len(code) <= 40 else None,
    }


def _unit_choices(user, chosen: Unit | None) -> list[Unit]:
    """The company and the two levels below it (a few dozen whatever the size), and a deeper chosen one."""
    units = list(units_visible_to(user).filter(depth__lte=2).order_by("path"))
    if chosen is not None and chosen not in units:
        units.append(chosen)
    return units


@require_http_methods(["GET", "POST"])
def wall(request: HttpRequest) -> HttpResponse:
    """Everyone's praise, newest first; POST gives praise (the recipients told, HR's channel posted)."""
    values = selectors.values_offered()
    form = PraiseForm(request.POST or None, values=values, initial={"recipients": _initial(request)})
    refusal = None
    if request.method == "POST":
        praise, refusal = run_form(form, lambda data: services.praise_create(
            by=request.user, recipients=list(data["recipients"]), message=data["message"], value=data["value"]))
        if praise is not None:
            messages.success(request, _("Praise posted: thank you for saying it."))
            return redirect(reverse("continuous:wall") + f"#praise-{praise.pk}")
    filters = _filters(request)
    page = selectors.praise_wall(request.user, page=page_number(request.GET.get("page")), **filters)
    roles = roles_of(request.user)
    return render(request, "continuous/wall.html", {
        "form": form, "refusal": refusal, "page": page, "filters": filters, "values": values,
        "all_values": {v.code: v for v in values}, "units": _unit_choices(request.user, filters["unit"]),
        "can_give": roles.employee, "tabs": tabs(roles), "findings": form.coach_findings(),
        "query": {k: v for k, v in (("unit", filters["unit"] and filters["unit"].pk),
                                    ("person", filters["person"] and filters["person"].pk),
                                    ("value", filters["value"] and filters["value"].code)) if v},
    }, status=400 if refusal else 200)


def _initial(request: HttpRequest) -> list[int]:
    """``?to=<id>`` starts the form with that colleague (the org chart's "Praise" link)."""
    person = _one(Person.objects.filter(state=Person.State.ACTIVE), request.GET.get("to"))
    return [person.pk] if person is not None else []


@require_GET
def praise_page(request: HttpRequest, pk: int) -> HttpResponse:
    praise = selectors.praise_detail(request.user, pk)
    return render(request, "continuous/praise.html", {"praise": praise, "tabs": tabs(roles_of(request.user))})


@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    """Add or take back a reaction; htmx gets the reactions back, a plain form the page."""
    praise = selectors.praise_detail(request.user, pk)
    services.reaction_toggle(by=request.user, praise=praise, kind=request.POST.get("kind"))
    if request.htmx:
        return render(request, "continuous/_reactions.html", {"praise": selectors.praise_detail(request.user, pk)})
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/praise/") else reverse("continuous:wall") + f"#praise-{praise.pk}")


PROFILE_PRAISE = 3


@require_GET
def person_praise(request: HttpRequest, pk: int) -> HttpResponse:
    """The org chart card's praise: how much the person received, the latest few, and the ways to give praise or
    feedback; an htmx fragment (404 for a person the reader may not find)."""
    person = _one(people_visible_to(request.user), pk)
    if person is None:
        raise Http404
    page = selectors.praise_wall(request.user, person=person, per_page=PROFILE_PRAISE)
    me = roles_of(request.user).person
    return render(request, "continuous/_person_praise.html", {
        "person": person, "page": page, "can_give": me is not None and person.active and me.pk != person.pk,
    })
