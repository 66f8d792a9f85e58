"""A review's evidence holds exactly what its reader may read: the chain and HR all the feedback, the manager
their own notes and nobody another's, the employee (on the page) their praise and the feedback shared."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from tests.cycles.factories import make_cycle, walk

from .conftest import NOTE, PRIVATE, SHARED, SKIP_NOTE

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(org, world):
    return walk(org, make_cycle(by=org.hr_admin, units=[org.acme]), "self_review")


def items(api, reader, review) -> list[tuple[str, int]]:
    response = api(reader).get(f"/api/reviews/{review.pk}/evidence/")
    assert response.status_code == 200
    return sorted((row["kind"], row["id"]) for row in response.json()["results"])


def test_the_manager_reads_praise_all_feedback_and_their_own_note(org, world, api, review):
    assert items(api, org.manager, review) == sorted([
        ("praise", world.praise.pk), ("feedback", world.private.pk), ("feedback", world.shared.pk),
        ("note", world.note.pk)])


@pytest.mark.parametrize("persona", ["skip", "hr_partner", "hr_admin"])
def test_the_chain_and_hr_read_the_feedback_but_no_managers_note(org, world, api, review, persona):
    assert items(api, getattr(org, persona), review) == sorted([
        ("praise", world.praise.pk), ("feedback", world.private.pk), ("feedback", world.shared.pk)])


@pytest.mark.parametrize("persona, status", [("employee", 403), ("peer", 404), ("outsider", 404)])
def test_the_api_is_not_for_the_employee_nor_colleagues(org, world, api, review, persona, status):
    assert api(getattr(org, persona)).get(f"/api/reviews/{review.pk}/evidence/").status_code == status


def test_the_employees_panel_holds_their_praise_and_the_shared_feedback_only(org, world, web, review):
    response = web(org.employee).get(reverse("reviews:evidence", args=[review.pk]), HTTP_HX_REQUEST="true")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Thanks for the late fix" in html and SHARED in html
    assert PRIVATE not in html and NOTE not in html and SKIP_NOTE not in html


@pytest.mark.parametrize("persona", ["manager", "skip", "hr_partner", "hr_admin"])
def test_the_panel_shows_what_the_api_gives_the_reader(org, world, web, review, persona):
    html = unescape(web(getattr(org, persona)).get(reverse("reviews:evidence", args=[review.pk])).content.decode())
    assert PRIVATE in html and SHARED in html and SKIP_NOTE not in html
    assert (NOTE in html) is (persona == "manager")


def test_feedback_outside_the_reviews_periods_is_not_evidence(org, world, api, review):
    from datetime import timedelta

    from continuous.models import Feedback

    Feedback.objects.filter(pk=world.private.pk).update(created_at=world.private.created_at - timedelta(days=400))
    assert ("feedback", world.private.pk) not in items(api, org.manager, review)
