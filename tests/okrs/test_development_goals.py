"""Development goals: written by the person, their manager or HR admin; the status is edited freely."""

import pytest

from okrs.models import DevelopmentGoal

pytestmark = pytest.mark.django_db


def test_a_person_creates_their_own_development_goal(org, api, quarter):
    body = {"title": "Lead a design review", "competency": "Architecture", "actions": "Shadow two reviews",
            "support_needed": "A mentor", "due_date": "2030-06-30", "period": quarter.pk}
    response = api(org.employee).post("/api/development-goals/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["person"] == org.employee.pk
    assert data["status"] == "planned"
    assert data["source"] == "goal_setting"
    assert set(data) >= {"id", "person", "period", "title", "competency", "actions", "due_date", "status"}


def test_a_manager_writes_a_goal_for_a_direct_report_but_a_peer_may_not(org, api):
    body = {"title": "Own the on-call rota", "person": org.employee.pk}
    assert api(org.manager).post("/api/development-goals/", body, format="json").status_code == 201
    assert api(org.peer).post("/api/development-goals/", body, format="json").status_code == 403
    assert api(org.skip).post("/api/development-goals/", body, format="json").status_code == 403


@pytest.mark.parametrize(("who", "code"), [("employee", 200), ("manager", 200), ("hr_admin", 200),
                                           ("skip", 403), ("hr_partner", 403)])
def test_the_status_is_edited_by_the_person_or_their_manager(org, api, who, code):
    goal = DevelopmentGoal.objects.create(person=org.employee, title="Write more tests")
    response = api(getattr(org, who)).patch(
        f"/api/development-goals/{goal.pk}/", {"status": "in_progress", "progress_notes": "Started"}, format="json"
    )
    assert response.status_code == code
    assert DevelopmentGoal.objects.get(pk=goal.pk).status == ("in_progress" if code == 200 else "planned")


def test_any_status_may_follow_any_other(org, api):
    goal = DevelopmentGoal.objects.create(person=org.employee, title="Write more tests")
    client = api(org.employee)
    for status in ("done", "planned", "dropped", "in_progress"):
        assert client.patch(f"/api/development-goals/{goal.pk}/", {"status": status}, format="json").status_code == 200
    assert client.patch(f"/api/development-goals/{goal.pk}/", {"status": "won"}, format="json").status_code == 400


def test_the_person_of_a_goal_cannot_be_changed(org, api):
    goal = DevelopmentGoal.objects.create(person=org.employee, title="Write more tests")
    api(org.employee).patch(f"/api/development-goals/{goal.pk}/", {"person": org.peer.pk}, format="json")
    assert DevelopmentGoal.objects.get(pk=goal.pk).person == org.employee


def test_a_goal_needs_a_title(org, api):
    response = api(org.employee).post("/api/development-goals/", {"title": " "}, format="json")
    assert response.status_code == 400
