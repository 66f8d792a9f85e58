"""A change to a template a launched cycle uses makes a new version; the running cycle keeps its questions."""

import pytest

from cycles.models import ReviewCycle, ReviewTemplate
from reviews.selectors.reviews import review_questions
from tests.cycles.factories import advance, make_cycle, review_of

pytestmark = pytest.mark.django_db


def new_questions(text="Rewritten"):
    return [{"section": "open", "kind": "text", "author": "self", "text": {"en": text, "ru": "Новый"}}]


def texts(review):
    return [q["text"] for q in review_questions(review, authors=["self", "manager", "respondent"])]


def test_a_running_cycles_questions_never_change_after_a_patch(org, api, cycle):
    cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    before = texts(review_of(cycle, org.employee))
    old = cycle.template
    response = api(org.hr_admin).patch(f"/api/templates/{old.pk}/", {"questions": new_questions()}, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["id"] != old.pk and data["version"] == 2 and data["family"] == str(old.family)
    assert texts(review_of(ReviewCycle.objects.get(pk=cycle.pk), org.employee)) == before
    assert ReviewCycle.objects.get(pk=cycle.pk).template_id == old.pk
    assert [q["text"]["en"] for q in data["questions"]] == ["Rewritten"]


def test_the_version_increments_and_the_list_shows_the_latest(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    client = api(org.hr_admin)
    first = cycle.template
    second = client.patch(f"/api/templates/{first.pk}/", {"name": {"en": "Standard v2"}}, format="json").json()
    assert second["version"] == 2 and len(second["questions"]) == first.questions.count()
    listed = client.get("/api/templates/").json()["results"]
    assert second["id"] in [t["id"] for t in listed] and first.pk not in [t["id"] for t in listed]
    # The ready template's code follows the latest version, so new cycles start from it.
    assert ReviewTemplate.objects.get(code="standard").pk == second["id"]
    # The old version stays readable (the running cycle reads it) but is no longer edited.
    assert client.get(f"/api/templates/{first.pk}/").status_code == 200
    response = client.patch(f"/api/templates/{first.pk}/", {"name": {"en": "x"}}, format="json")
    assert response.status_code == 409 and response.json()["state"] == "superseded"


def test_a_template_used_only_by_drafts_is_edited_in_place(org, api, cycle):
    template = cycle.template
    response = api(org.hr_admin).patch(f"/api/templates/{template.pk}/", {"questions": new_questions()},
                                       format="json")
    assert response.status_code == 200
    assert response.json()["id"] == template.pk and response.json()["version"] == 1
    assert [q.text for q in template.questions.all()] == ["Rewritten"]


def test_draft_cycles_move_to_the_new_version_and_launched_ones_stay(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    draft = make_cycle(by=org.hr_admin, units=[org.sales], name="Later review")
    old = cycle.template
    new = api(org.hr_admin).patch(f"/api/templates/{old.pk}/", {"questions": new_questions()}, format="json").json()
    assert ReviewCycle.objects.get(pk=draft.pk).template_id == new["id"]
    assert ReviewCycle.objects.get(pk=cycle.pk).template_id == old.pk


def test_a_bad_patch_changes_nothing(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    count = ReviewTemplate.objects.count()
    response = api(org.hr_admin).patch(f"/api/templates/{cycle.template_id}/",
                                       {"questions": [{"kind": "rating", "text": {}}]}, format="json")
    assert response.status_code == 400 and ReviewTemplate.objects.count() == count
