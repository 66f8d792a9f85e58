"""The demo step leaves one cycle in the self-review phase with something in each demo login's tasks."""

import random

import pytest

from people.demo import seed_org
from reviews.demo import review_cycle
from reviews.models import Review
from reviews.selectors import tasks_for

pytestmark = pytest.mark.django_db


def test_the_demo_cycle_is_in_progress_with_tasks_for_the_demo_logins():
    org = seed_org(employees=60, seed=3)
    review_cycle(org, random.Random(1))
    review = Review.objects.select_related("cycle").get(person=org.employee)
    assert (review.cycle.state, review.state) == ("self_review", "respondents_approved")
    assert review.requests.filter(state="submitted").count() == 1
    assert {t["kind"] for t in tasks_for(org.employee.user)} == {"give_feedback"}
    assert "approve_respondents" in {t["kind"] for t in tasks_for(org.manager.user)}
    on_probation = [p for p in org.people if p.hire_date and (org.today - p.hire_date).days < 90]
    assert not Review.objects.filter(person__in=on_probation).exists()
