"""Deleting a draft cycle (page with a confirmation, and the API), and the people picker's choices; the pages
and the search run a fixed number of queries whatever the size of the organisation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cycles.models import ReviewCycle
from people.models import Person
from tests.cycles.factories import advance, make_cycle
from tests.factories import PersonFactory, UnitFactory, build_org

pytestmark = pytest.mark.django_db


def count(client, url: str) -> int:
    client.get(url)  # warm: roles are cached per user, as within one request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def test_hr_admin_deletes_a_draft_after_a_page_that_names_what_goes(org, web, cycle):
    hr = web(org.hr_admin)
    page = hr.get(f"/cycles/{cycle.pk}/delete/").content.decode()
    assert cycle.name in page and org.acme.path in page and "2030-01-31" in page
    assert f'href="/cycles/{cycle.pk}/delete/"' in hr.get(f"/cycles/{cycle.pk}/edit/").content.decode()
    response = hr.post(f"/cycles/{cycle.pk}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == "/cycles/"
    assert "was deleted" in response.content.decode()
    assert not ReviewCycle.objects.filter(pk=cycle.pk).exists()


def test_a_launched_cycle_is_never_deleted(org, web, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    response = web(org.hr_admin).post(f"/cycles/{cycle.pk}/delete/")
    assert response.status_code == 409 and f"/cycles/{cycle.pk}/" in response.content.decode()  # a way back
    assert f"/cycles/{cycle.pk}/delete/" not in web(org.hr_admin).get("/cycles/").content.decode()
    answer = api(org.hr_admin).delete(f"/api/cycles/{cycle.pk}/")
    assert answer.status_code == 409 and answer.json()["state"] == "goal_setting"
    assert api(org.employee).delete(f"/api/cycles/{cycle.pk}/").status_code == 403
    assert ReviewCycle.objects.filter(pk=cycle.pk).exists()


def test_only_hr_admin_deletes_and_others_do_not_learn_a_draft_exists(org, web, api, cycle):
    assert web(org.hr_partner).post(f"/cycles/{cycle.pk}/delete/").status_code == 403
    assert api(org.hr_partner).delete(f"/api/cycles/{cycle.pk}/").status_code == 403
    assert web(org.manager).get(f"/cycles/{cycle.pk}/delete/").status_code == 404
    assert api(org.employee).delete(f"/api/cycles/{cycle.pk}/").status_code == 404
    assert web(org.hr_admin).get(f"/cycles/{cycle.pk}/delete/", {}).status_code == 200
    assert api(org.hr_admin).delete(f"/api/cycles/{cycle.pk}/").status_code == 204
    assert not ReviewCycle.objects.exists()


def test_the_people_picker_finds_active_people_by_name_or_email(org, web):
    org.inactive.full_name = "Emily Gone"
    org.inactive.save(update_fields=["full_name"])
    found = web(org.hr_admin).get("/cycles/people/", {"q": "em"}).json()
    labels = [r["label"] for r in found["results"]]
    assert "Emil Employee" in labels and "Emily Gone" not in labels
    assert web(org.hr_admin).get("/cycles/people/", {"q": "manager@"}).json()["results"][0]["value"] == org.manager.pk
    assert web(org.hr_admin).get("/cycles/people/").json() == {"more": False, "results": []}


def _grow(org, size: int) -> None:
    boss = PersonFactory(unit=org.acme, manager=org.ceo)
    for _ in range(size // 5):
        UnitFactory(parent=org.acme)
    build_org(size, unit=UnitFactory(parent=org.acme), top=boss)


@pytest.mark.parametrize("url", ["/cycles/people/?q=Member", "/cycles/new/", "/cycles/{draft}/delete/",
                                 "/cycles/{draft}/edit/", "/reviews/cycles/{draft}/calibration/sessions/"])
def test_the_pickers_pages_run_the_same_queries_at_two_sizes(org, web, url):
    counts = []
    for size in (5, 40):
        _grow(org, size)
        draft = make_cycle(by=org.hr_admin, units=list(org.acme.__class__.objects.all()[:size // 5 + 1]))
        counts.append(count(web(org.hr_admin), url.format(draft=draft.pk)))
    assert counts[0] == counts[1], counts
    assert Person.objects.count() > 40
