from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers

from ..roles import roles_of
from ..selectors import org_chart_card, people_visible_to, person_detail, search_people


def home(request):
    return redirect("okrs:my_goals")


def org_chart(request, person_id: int | None = None):
    """Search a person; see their reporting line above and their reports below."""
    query = request.GET.get("q", "")
    results = search_people(request.user, query) if query else []
    if person_id is None:
        me = roles_of(request.user).person
        person = me if me is not None else people_visible_to(request.user).filter(manager__isnull=True).first()
    else:
        person = person_detail(request.user, person_id)
    card = org_chart_card(person) if person is not None else None
    unit_path = person.unit.path.split("/") if person is not None and person.unit is not None else []
    # Only a swap of the card itself gets the fragment: the live search selects its results out of the whole
    # page, and a history restore (back button after a cache miss) needs the whole page too.
    template = "people/_org_card.html" if request.htmx.target == "org-card" else "people/org_chart.html"
    response = render(
        request, template, {"query": query, "results": results, "card": card, "unit_path": unit_path}
    )
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
