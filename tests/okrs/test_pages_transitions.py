"""Transition buttons: allowed → redirect with a message; not theirs → 403 page; wrong state → 409 page."""

import pytest

from okrs.models import Dependency, Objective
from okrs.services import dependency_create

pytestmark = pytest.mark.django_db


def url(objective, name):
    return f"/goals/objectives/{objective.pk}/transitions/{name}/"


def test_the_owner_proposes_and_is_sent_back_with_a_message(org, web, make_objective):
    objective = make_objective("personal", org.employee)
    page = web(org.employee).get(f"/goals/objectives/{objective.pk}/").content.decode()
    assert f'action="{url(objective, "submit")}"' in page
    response = web(org.employee).post(url(objective, "submit"), follow=True)
    assert response.redirect_chain[0] == (f"/goals/objectives/{objective.pk}/", 302)
    assert 'class="message success"' in response.content.decode()
    assert Objective.objects.get(pk=objective.pk).state == Objective.State.PROPOSED


def test_a_colleague_pressing_agree_gets_a_friendly_403(org, web, make_objective):
    objective = make_objective("personal", org.employee, state="proposed")
    response = web(org.peer).post(url(objective, "agree"))
    assert response.status_code == 403 and 'role="alert"' in response.content.decode()
    assert web(org.manager).post(url(objective, "agree")).status_code == 302


def test_a_step_in_the_wrong_state_gets_a_friendly_409(org, web, make_objective):
    objective = make_objective("personal", org.employee, state="active")
    response = web(org.employee).post(url(objective, "submit"))
    assert response.status_code == 409 and "Active" in response.content.decode()


def test_returning_without_a_reason_is_a_400_and_with_one_goes_back_to_draft(org, web, make_objective):
    objective = make_objective("personal", org.employee, state="proposed")
    assert web(org.manager).post(url(objective, "return")).status_code == 400
    assert web(org.manager).post(url(objective, "return"), {"reason": "Make it measurable"}).status_code == 302
    assert Objective.objects.get(pk=objective.pk).return_reason == "Make it measurable"


def test_unknown_steps_and_invisible_objectives_are_404(org, web, make_objective):
    objective = make_objective("personal", org.employee, private=True)
    assert web(org.employee).post(url(objective, "explode")).status_code == 404
    assert web(org.outsider).post(url(objective, "submit")).status_code == 404
    assert web(org.employee).get(url(objective, "submit")).status_code == 405


def test_the_asked_units_lead_accepts_or_declines_and_declined_requests_stay_visible(org, web, make_objective):
    team = make_objective("team", org.sales, state="active")
    dependency = dependency_create(by=org.hr_admin.user, objective=team, to_unit=org.platform, message="Help")
    page = web(org.manager).get(f"/goals/units/{org.platform.pk}/").content.decode()
    assert f"/goals/dependencies/{dependency.pk}/transitions/accept/" in page
    assert web(org.employee).post(f"/goals/dependencies/{dependency.pk}/transitions/accept/").status_code == 403
    response = web(org.manager).post(f"/goals/dependencies/{dependency.pk}/transitions/decline/",
                                     {"reason": "Roadmap is full"})
    assert response.status_code == 302
    assert Dependency.objects.get().state == "declined"
    body = web(org.outsider).get(f"/goals/objectives/{team.pk}/").content.decode()
    assert "Roadmap is full" in body
    again = web(org.manager).post(f"/goals/dependencies/{dependency.pk}/transitions/accept/")
    assert again.status_code == 409


def test_the_units_lead_asks_another_unit_and_a_second_open_request_is_refused(org, web, make_objective):
    team = make_objective("team", org.platform, state="active")
    url = f"/goals/objectives/{team.pk}/ask/"
    assert web(org.employee).get(url).status_code == 403
    assert "Ask another unit to contribute" in web(org.manager).get(f"/goals/objectives/{team.pk}/").content.decode()
    response = web(org.manager).post(url, {"to_unit": org.sales.pk, "message": "Sell it"})
    assert response.status_code == 302
    assert Dependency.objects.get().to_unit == org.sales
    again = web(org.manager).post(url, {"to_unit": org.sales.pk})
    assert again.status_code == 400 and "already been asked" in again.content.decode()
