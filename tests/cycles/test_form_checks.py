"""One check of a cycle's configuration for page and API: deadlines in the order of the phases, unique names
(case aside), every problem at once; the page shows it beside each field with the input kept."""

import re

import pytest

from cycles.models import ReviewCycle
from tests.cycles.factories import advance, current_quarter, make_cycle
from tests.reviews.test_pages_walkthrough import cycle_form

pytestmark = pytest.mark.django_db


def summary(html: str) -> str:
    found = re.search(r'<div class="alert error error-summary"[^>]*id="refusal".*?</div>', html, re.S)
    assert found, "no error summary on the page"
    return found.group(0)


def api_body(org, **extra):
    return {"name": "Autumn review", "periods": [current_quarter().pk], "participant_units": [org.acme.pk],
            "deadlines": {"self_review": "2030-01-31", "manager_review": "2030-02-28"}, **extra}


def test_deadlines_out_of_phase_order_are_refused_alike_by_page_and_api(org, web, api):
    page = web(org.hr_admin).post("/cycles/new/", cycle_form(
        org, deadline_self_review="2030-03-01", deadline_feedback="2030-02-01", deadline_manager_review="2030-02-15"))
    answer = api(org.hr_admin).post("/api/cycles/", api_body(org, deadlines={
        "self_review": "2030-03-01", "feedback": "2030-02-01", "manager_review": "2030-02-15"}), format="json")
    assert page.status_code == answer.status_code == 400
    messages = answer.json()["deadlines"]
    assert len(messages) == 2  # feedback and manager review both come before the self-review
    html = page.content.decode()
    for message in messages:
        assert message.replace("“", "&ldquo;") in html or message in html
    # Beside each field that is out of order, linked from the summary by the phase's name.
    assert 'href="#id_deadline_feedback"' in summary(html) and 'href="#id_deadline_manager_review"' in summary(html)
    assert 'id="id_deadline_feedback_error"' in html and 'id="id_deadline_manager_review_error"' in html
    assert not ReviewCycle.objects.exists()


def test_the_order_skips_phases_that_are_off(org, api):
    body = api_body(org, feedback_phase=False, deadlines={
        "self_review": "2030-03-01", "feedback": "2030-01-01", "manager_review": "2030-03-15"})
    assert api(org.hr_admin).post("/api/cycles/", body, format="json").status_code == 201


def test_a_name_taken_case_aside_is_refused_alike_by_page_and_api(org, web, api):
    existing = make_cycle(by=org.hr_admin, units=[org.acme], name="Spring review")
    page = web(org.hr_admin).post("/cycles/new/", cycle_form(org, name="SPRING review"))
    answer = api(org.hr_admin).post("/api/cycles/", api_body(org, name="spring REVIEW"), format="json")
    assert page.status_code == answer.status_code == 400
    assert "already exists" in answer.json()["name"][0]
    assert "already exists" in page.content.decode()
    renamed = api(org.hr_admin).patch(f"/api/cycles/{existing.pk}/", {"name": "Spring Review"}, format="json")
    assert renamed.status_code == 200  # its own name, in other letters
    other = make_cycle(by=org.hr_admin, units=[org.acme], name="Autumn")
    clash = api(org.hr_admin).patch(f"/api/cycles/{other.pk}/", {"name": "spring review"}, format="json")
    assert clash.status_code == 400 and "name" in clash.json()
    assert ReviewCycle.objects.count() == 2


def test_every_problem_shows_at_once_beside_its_field_with_the_input_kept(org, web):
    make_cycle(by=org.hr_admin, units=[org.acme], name="Spring review")
    response = web(org.hr_admin).post("/cycles/new/", cycle_form(
        org, name="Spring review", min_respondents=5, max_respondents=2, weight_peer=500,
        deadline_self_review="2030-03-01", deadline_manager_review="2030-02-01", deadline_goal_setting="soon"))
    assert response.status_code == 400
    block = summary(response.content.decode())
    for field in ("name", "min_respondents", "weight_peer", "deadline_manager_review", "deadline_goal_setting"):
        assert f'href="#id_{field}"' in block, field
    assert "autofocus" in block
    assert not re.search(r">\s*(deadlines|group_weights|min_respondents|name)\s*:", block)  # labels, never keys
    html = response.content.decode()
    assert 'value="Spring review"' in html and 'value="2030-03-01"' in html
    assert re.search(rf'<option value="{org.acme.pk}" selected>', html)  # the units chosen stay chosen


def test_a_copy_gets_a_free_name(org, web, cycle):
    hr = web(org.hr_admin)
    hr.post(f"/cycles/{cycle.pk}/copy/")
    hr.post(f"/cycles/{cycle.pk}/copy/")
    names = set(ReviewCycle.objects.values_list("name", flat=True))
    assert names == {cycle.name, f"{cycle.name} (copy)", f"{cycle.name} (copy) (2)"}


def test_the_form_marks_required_fields_and_offers_searchable_pickers(org, web):
    html = web(org.hr_admin).get("/cycles/new/").content.decode()
    assert re.search(r'<select name="periods"[^>]*data-picker', html)
    assert re.search(r'<select name="participant_units"[^>]*data-picker', html)
    assert "js/picker.js" in html
    assert re.search(r'for="id_name">[^<]*<span class="required"', html)


def test_employees_never_see_a_draft_in_any_channel(org, web, api, cycle):
    launched = advance(make_cycle(by=org.hr_admin, units=[org.acme], name="Running"), "launch", by=org.hr_admin)
    page = web(org.employee).get("/cycles/").content.decode()
    assert launched.name in page and cycle.name not in page
    listed = {c["id"] for c in api(org.employee).get("/api/cycles/").json()["results"]}
    assert listed == {launched.pk}
    assert web(org.employee).get(f"/cycles/{cycle.pk}/").status_code == 404
    assert api(org.employee).get(f"/api/cycles/{cycle.pk}/").status_code == 404
    assert cycle.pk in {c["id"] for c in api(org.hr_partner).get("/api/cycles/").json()["results"]}
