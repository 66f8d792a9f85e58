"""Goals pages that refuse: the same page again, the message beside its field under the label people read,
the summary at the top linking to it, what was typed kept; never a separate "Please check" page."""

import re

import pytest

from okrs.models import Dependency, Objective
from okrs.services import dependency_create

pytestmark = pytest.mark.django_db


def summary(html: str) -> str:
    found = re.search(r'<div class="alert error error-summary"[^>]*id="refusal".*?</div>', html, re.S)
    assert found, "no error summary on the page"
    return found.group(0)


def test_returning_an_objective_without_a_reason_shows_its_page_with_the_message_beside_the_reason(
        org, web, make_objective):
    objective = make_objective("personal", org.employee, state="proposed")
    response = web(org.manager).post(f"/goals/objectives/{objective.pk}/transitions/return/", {"reason": " "})
    assert response.status_code == 400
    html = response.content.decode()
    assert objective.title in html and "Please check" not in html  # the objective's own page
    assert 'href="#return-reason"' in summary(html) and 'id="return-reason-errors"' in html
    assert "<details class=\"inline-form\" open>" in html  # the form stays open
    assert not re.search(r">\s*reason\s*:", html)
    assert Objective.objects.get(pk=objective.pk).state == "proposed"


def test_declining_a_contribution_without_a_comment_keeps_the_form_beside_the_message(org, web, make_objective):
    team = make_objective("team", org.sales, state="active")
    dependency = dependency_create(by=org.hr_admin.user, objective=team, to_unit=org.platform, message="Help")
    response = web(org.manager).post(f"/goals/dependencies/{dependency.pk}/transitions/decline/", {"reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#dep-{dependency.pk}-reason"' in summary(html)
    assert f'id="dep-{dependency.pk}-reason-errors"' in html
    assert f"/goals/dependencies/{dependency.pk}/transitions/decline/" in html  # answer again from here
    assert Dependency.objects.get().state == "requested"


def test_a_refused_objective_form_links_each_message_to_its_field_and_keeps_the_input(org, web, quarter):
    response = web(org.employee).post("/goals/objectives/new/", {
        "title": "", "description": "Grow the user base", "level": "personal", "period": quarter.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_title"' in summary(html) and "autofocus" in summary(html)
    assert "Grow the user base" in html
