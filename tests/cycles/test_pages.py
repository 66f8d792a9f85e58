"""HR's cycle pages: list, configuration form, copy, phase buttons and progress; members only read."""

import pytest

from cycles.models import ReviewCycle
from reviews.models import Review
from tests.cycles.factories import advance
from tests.factories import UserFactory
from tests.reviews.test_pages_walkthrough import cycle_form

pytestmark = pytest.mark.django_db


def test_members_read_the_cycles_and_only_hr_admin_sees_the_buttons(org, web, cycle):
    cycle = advance(cycle, "launch", by=org.hr_admin)
    employee = web(org.employee)
    page = employee.get("/cycles/").content.decode()
    assert cycle.name in page and "/cycles/new/" not in page
    page = employee.get(f"/cycles/{cycle.pk}/").content.decode()
    assert "/transitions/launch/" not in page and f"/cycles/{cycle.pk}/edit/" not in page
    page = web(org.hr_admin).get(f"/cycles/{cycle.pk}/").content.decode()
    assert f"/cycles/{cycle.pk}/transitions/start_tracking/" in page and f"/cycles/{cycle.pk}/edit/" in page
    assert f"/cycles/{cycle.pk}/copy/" in web(org.hr_admin).get("/cycles/").content.decode()
    assert f"/cycles/{cycle.pk}/copy/" not in employee.get("/cycles/").content.decode()


def test_an_account_without_a_person_sees_no_cycle(org, web, cycle, client):
    client.force_login(UserFactory())
    assert client.get(f"/cycles/{cycle.pk}/").status_code == 404


@pytest.mark.parametrize(("method", "path"), [
    ("get", "new/"), ("post", "new/"), ("get", "{pk}/edit/"), ("post", "{pk}/edit/"), ("post", "{pk}/copy/"),
    ("post", "{pk}/transitions/launch/"),
])
def test_members_may_not_configure_or_run_a_cycle(org, web, cycle, method, path):
    # The HR partner reads the draft but may not change it; a manager does not even see it.
    response = getattr(web(org.hr_partner), method)(f"/cycles/{path.format(pk=cycle.pk)}", cycle_form(org))
    assert response.status_code == 403
    response = getattr(web(org.manager), method)(f"/cycles/{path.format(pk=cycle.pk)}", cycle_form(org))
    assert response.status_code == (403 if path == "new/" else 404)
    assert ReviewCycle.objects.count() == 1 and ReviewCycle.objects.get().state == "draft"


def test_hr_admin_creates_a_cycle_with_every_setting(org, web):
    response = web(org.hr_admin).post("/cycles/new/", cycle_form(
        org, hired_before="2026-01-01", anonymity="manager_only", calibration_phase="", deadline_feedback="2030-02-10",
    ))
    assert response.status_code == 302
    cycle = ReviewCycle.objects.get()
    assert (cycle.anonymity, cycle.calibration_phase, cycle.feedback_phase) == ("manager_only", False, True)
    assert str(cycle.hired_before) == "2026-01-01"
    assert cycle.deadlines == {"self_review": "2030-01-31", "feedback": "2030-02-10", "manager_review": "2030-02-28"}
    assert cycle.group_weights == {"manager": 2.0, "customer": 1.0, "peer": 1.0, "report": 1.0}
    assert list(cycle.participant_units.all()) == [org.acme]


@pytest.mark.parametrize(("bad", "message"), [
    ({"name": ""}, "This field is required"),
    ({"min_respondents": 5, "max_respondents": 2}, "The minimum cannot exceed the maximum"),
    ({"weight_peer": -1}, "greater than or equal to 0"),
    ({"deadline_self_review": "soon"}, "Enter a valid date"),
    ({"anonymity_threshold": 0}, "The threshold is at least 1"),
])
def test_a_bad_configuration_is_400_with_the_field_errors(org, web, bad, message):
    response = web(org.hr_admin).post("/cycles/new/", cycle_form(org, **bad))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReviewCycle.objects.exists()


def test_a_cycle_is_copied_from_the_previous_one(org, web, cycle):
    response = web(org.hr_admin).post(f"/cycles/{cycle.pk}/copy/", {"name": "Autumn"})
    copy = ReviewCycle.objects.get(name="Autumn")
    assert response.status_code == 302 and response["Location"] == f"/cycles/{copy.pk}/edit/"
    assert copy.copied_from == cycle and copy.state == "draft" and copy.deadlines == {}
    assert list(copy.participant_units.all()) == [org.acme]


def test_hr_runs_the_phases_from_the_page_and_sees_the_progress(org, web, cycle):
    hr = web(org.hr_admin)
    assert hr.post(f"/cycles/{cycle.pk}/transitions/launch/").status_code == 302
    assert Review.objects.filter(cycle=cycle).count() == 8
    page = hr.get(f"/cycles/{cycle.pk}/").content.decode()
    assert "Acme/Engineering/Platform" in page and "Goals in draft" in page
    response = hr.post(f"/cycles/{cycle.pk}/transitions/open_feedback/")
    assert response.status_code == 409
    assert hr.post(f"/cycles/{cycle.pk}/transitions/fly/").status_code == 404


def test_a_launched_cycle_keeps_its_template_and_follows_new_participants(org, web, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    hr = web(org.hr_admin)
    page = hr.get(f"/cycles/{cycle.pk}/edit/").content.decode()
    assert 'name="template"' in page and "disabled" in page
    form = cycle_form(org, name="Spring review", participant_units=[org.engineering.pk])
    response = hr.post(f"/cycles/{cycle.pk}/edit/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    states = dict(Review.objects.filter(cycle=cycle).values_list("person__full_name", "state"))
    assert states[org.outsider.full_name] == "withdrawn" and states[org.employee.full_name] == "goals_draft"


def test_the_navigation_offers_my_tasks_to_everyone_and_cycles_to_hr_admins(org, web):
    employee = web(org.employee).get("/reviews/tasks/").content.decode()
    assert 'href="/reviews/tasks/" aria-current="page"' in employee and 'href="/cycles/"' not in employee
    assert 'href="/cycles/"' in web(org.hr_admin).get("/reviews/tasks/").content.decode()


def test_hr_finds_a_review_from_the_cycle_page_and_others_find_only_theirs(org, web, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    review = Review.objects.get(cycle=cycle, person=org.employee)
    page = web(org.hr_admin).get(f"/cycles/{cycle.pk}/?q=emil").content.decode()
    assert f'href="/reviews/{review.pk}/"' in page
    assert f'href="/reviews/{review.pk}/"' not in web(org.outsider).get(f"/cycles/{cycle.pk}/?q=emil").content.decode()


def test_copying_refuses_get(org, web, cycle):
    assert web(org.hr_admin).get(f"/cycles/{cycle.pk}/copy/").status_code == 405
    assert ReviewCycle.objects.count() == 1 and ReviewCycle.objects.get().state == "draft"


def test_a_phase_step_shows_what_it_will_do_and_runs_only_when_confirmed(org, web, cycle):
    page = web(org.hr_admin).get(f"/cycles/{cycle.pk}/transitions/launch/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "nothing happens until you confirm" in text and "Confirm: Launch" in text
    assert ReviewCycle.objects.get().state == "draft"  # a look changes nothing
    assert web(org.hr_admin).post(f"/cycles/{cycle.pk}/transitions/launch/").status_code == 302
    assert ReviewCycle.objects.get().state == "goal_setting"


def test_an_unknown_cycle_is_404(org, web):
    assert web(org.hr_admin).get("/cycles/999/").status_code == 404
    assert web(org.hr_admin).post("/cycles/999/edit/").status_code == 404
    assert web(org.hr_admin).post("/cycles/999/transitions/launch/").status_code == 404
