"""The "my tasks" page: every open task of the person across roles, grouped by kind, with deadlines."""

import datetime

import pytest
from django.utils import timezone

from okrs.models import Objective
from tests.cycles.factories import ObjectiveFactory, advance, review_of, walk
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


def test_the_inbox_groups_tasks_by_kind_with_their_deadline(org, web, cycle):
    review = walk(org, cycle, "self_submitted")
    page = web(org.manager).get("/reviews/tasks/").content.decode()
    assert "Respondent lists to approve" in page and f"/reviews/{review.pk}/" in page
    assert "Self-review to write" in page  # the manager's own review, in the same inbox
    assert "Jan. 31, 2030" in page and "overdue" not in page
    page = web(org.peer).get("/reviews/tasks/").content.decode()
    assert "Self-review to write" in page and "Feedback to give" not in page  # not approved yet


def test_a_passed_deadline_is_marked_overdue(org, web, cycle):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    cycle.deadlines = {"self_review": yesterday}
    cycle.save(update_fields=["deadlines"])
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    page = web(org.employee).get("/reviews/tasks/").content.decode()
    assert "overdue" in page and f"/reviews/{review_of(cycle, org.employee).pk}/" in page


def test_goals_awaiting_agreement_are_in_the_managers_inbox(org, web):
    goal = ObjectiveFactory(owner=org.employee, title="Cut the cloud bill", state=Objective.State.PROPOSED)
    ObjectiveFactory(owner=org.employee, title="Still a draft")
    page = web(org.manager).get("/reviews/tasks/").content.decode()
    assert "Goals to agree" in page and "Cut the cloud bill" in page and "Still a draft" not in page
    assert f"/goals/objectives/{goal.pk}/" in page
    assert "Cut the cloud bill" not in web(org.skip).get("/reviews/tasks/").content.decode()


def test_someone_without_tasks_is_told_so(org, web):
    assert "Nothing to do right now." in web(org.outsider).get("/reviews/tasks/").content.decode()


def test_the_manager_returns_a_self_review_and_hr_reopens_one_with_a_reason(org, web, cycle):
    review = walk(org, cycle, "self_submitted")
    url = f"/reviews/{review.pk}/transitions"
    assert web(org.manager).post(f"{url}/return_self_review/", {"reason": "Add the numbers"}).status_code == 302
    review.refresh_from_db()
    assert review.state == "self_review"
    run_transition(review, "submit_self_review", by=org.employee.user)
    response = web(org.hr_admin).post(f"{url}/reopen/", {"reason": ""})
    assert response.status_code == 400 and "Give a reason" in response.content.decode()
    assert web(org.hr_admin).post(f"{url}/reopen/", {"reason": "Submitted by mistake"}).status_code == 302
    review.refresh_from_db()
    assert review.state == "self_review"
