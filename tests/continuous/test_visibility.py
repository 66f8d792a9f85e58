"""Who reads praise, feedback, asks and notes, per persona and channel: the detail page and the API (404 for the
invisible), the API lists and their filters, the notes' search and the inbox page."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from .conftest import NOTE, PERSONAS, PRIVATE, SHARED, SKIP_NOTE

pytestmark = pytest.mark.django_db

READERS = {
    # object: the personas who read it; everyone else gets a 404.
    "praise": set(PERSONAS),
    "private": {"peer", "manager", "skip", "hr_partner", "hr_admin"},
    "shared": {"peer", "employee", "manager", "skip", "hr_partner", "hr_admin"},
    "ask": {"employee", "peer", "manager", "skip", "hr_partner", "hr_admin"},
    "note": {"manager", "hr_admin"},
    "skip_note": {"skip", "hr_admin"},
}
API = {"praise": "/api/praise/", "private": "/api/feedback/", "shared": "/api/feedback/",
       "ask": "/api/feedback-asks/", "note": "/api/notes/", "skip_note": "/api/notes/"}
PAGE = {"praise": "continuous:praise", "private": "continuous:feedback_detail", "shared": "continuous:feedback_detail",
        "ask": "continuous:ask_detail", "note": "continuous:note", "skip_note": "continuous:note"}


def _ids(response) -> set[int]:
    assert response.status_code == 200
    body = response.json()
    return {row["id"] for row in (body["results"] if isinstance(body, dict) else body)}


@pytest.mark.parametrize("name", list(READERS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reads_exactly_what_the_policy_gives_them(org, world, api, web, persona, name):
    reader, obj = getattr(org, persona), getattr(world, name)
    allowed = persona in READERS[name]
    detail = api(reader).get(f"{API[name]}{obj.pk}/")
    assert detail.status_code == (200 if allowed else 404)
    assert (obj.pk in _ids(api(reader).get(API[name]))) is allowed
    page = web(reader).get(reverse(PAGE[name], args=[obj.pk]))
    assert page.status_code == (200 if allowed else 404)


def test_an_inactive_account_reads_nothing(org, world, api):
    for path in ("/api/praise/", "/api/feedback/", "/api/feedback-asks/", "/api/notes/"):
        response = api(org.inactive).get(path)
        assert response.status_code in (200, 403, 404)
        if response.status_code == 200:
            assert _ids(response) == set()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_filter_by_person_keeps_the_policy(org, world, api, persona):
    reader = getattr(org, persona)
    found = _ids(api(reader).get(f"/api/feedback/?about={org.employee.pk}"))
    expected = {world.private.pk} if persona in READERS["private"] else set()
    expected |= {world.shared.pk} if persona in READERS["shared"] else set()
    assert found == expected
    private_only = _ids(api(reader).get(f"/api/feedback/?about={org.employee.pk}&visibility=private_to_manager"))
    assert private_only == expected & {world.private.pk}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_notes_search_finds_only_the_readers_notes(org, world, api, web, persona):
    reader = getattr(org, persona)
    found = _ids(api(reader).get("/api/notes/?q=lead"))
    assert found == ({world.note.pk} if persona in READERS["note"] else set())
    by_name = _ids(api(reader).get("/api/notes/?q=Mia"))
    assert by_name == ({world.skip_note.pk} if persona in READERS["skip_note"] else set())
    page = web(reader).get(reverse("continuous:notes") + "?q=lead")
    if page.status_code == 200:
        assert (NOTE in unescape(page.content.decode())) is (persona in READERS["note"])
        assert SKIP_NOTE not in unescape(page.content.decode())
    else:
        assert page.status_code in (403, 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_inbox_shows_feedback_as_the_reader_may_read_it(org, world, web, persona):
    html = unescape(web(getattr(org, persona)).get(reverse("continuous:feedback")).content.decode())
    assert (PRIVATE in html) <= (persona in READERS["private"])
    assert (SHARED in html) <= (persona in READERS["shared"])
    assert NOTE not in html and SKIP_NOTE not in html


def test_the_person_reads_shared_feedback_about_them_but_never_who_wrote_private(org, world, web):
    html = unescape(web(org.employee).get(reverse("continuous:feedback")).content.decode())
    assert SHARED in html and PRIVATE not in html


def test_the_wall_filters_by_unit_value_and_person(org, world, api, web, value):
    client = api(org.outsider)
    assert _ids(client.get(f"/api/praise/?person={org.employee.pk}")) == {world.praise.pk}
    assert _ids(client.get(f"/api/praise/?person={org.outsider.pk}")) == set()
    assert _ids(client.get(f"/api/praise/?unit={org.engineering.pk}")) == {world.praise.pk}
    assert _ids(client.get(f"/api/praise/?unit={org.sales.pk}")) == set()
    assert _ids(client.get("/api/praise/?value=ownership")) == {world.praise.pk}
    page = web(org.outsider).get(reverse("continuous:wall") + f"?unit={org.sales.pk}")
    assert page.status_code == 200 and "Thanks for the late fix" not in unescape(page.content.decode())
    page = web(org.outsider).get(reverse("continuous:wall") + f"?value={value.code}")
    assert "Thanks for the late fix" in unescape(page.content.decode())


def test_reactions_toggle_once_per_person(org, world, api, web):
    url = reverse("continuous:react", args=[world.praise.pk])
    web(org.outsider).post(url, {"kind": "heart"})
    web(org.outsider).post(url, {"kind": "heart"})
    web(org.manager).post(url, {"kind": "heart"})
    [heart] = [r for r in api(org.manager).get(f"/api/praise/{world.praise.pk}/").json()["reactions"]
               if r["kind"] == "heart"]
    assert heart == {"kind": "heart", "count": 1, "mine": True}


def test_only_the_author_edits_a_note_and_hr_admin_reads_it(org, world, api):
    url = f"/api/notes/{world.note.pk}/"
    assert api(org.hr_admin).patch(url, {"text": "x"}, format="json").status_code == 403
    assert api(org.skip).patch(url, {"text": "x"}, format="json").status_code == 404
    assert api(org.manager).patch(url, {"text": "Updated"}, format="json").json()["text"] == "Updated"


def test_a_note_is_about_someone_below_its_author(org, world, api):
    assert api(org.manager).post("/api/notes/", {"about": org.outsider.pk, "text": "x"},
                                 format="json").status_code == 400
    assert api(org.employee).post("/api/notes/", {"about": org.manager.pk, "text": "x"},
                                  format="json").status_code == 400
