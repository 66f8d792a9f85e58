"""Progress is one GROUP BY; endpoints answer 405 for methods they do not have; list filters work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Review
from reviews.selectors.progress import cycle_progress
from tests.cycles.factories import advance, review_of
from tests.factories import UnitFactory, build_org
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


def test_progress_is_two_queries_whatever_the_size(org, cycle):
    """One GROUP BY over the reviews, one over their feedback requests."""
    advance(cycle, "launch", by=org.hr_admin)
    counts = []
    for size in (3, 40):
        build_org(size, unit=UnitFactory(parent=org.acme), top=org.ceo)
        with CaptureQueriesContext(connection) as queries:
            cycle_progress(cycle, org.hr_admin.user)
        counts.append(len(queries))
    assert counts == [2, 2]


@pytest.mark.parametrize(("method", "url"), [
    ("put", "/api/cycles/{cycle}/"),
    ("post", "/api/reviews/"),
    ("delete", "/api/reviews/{review}/"),
    ("patch", "/api/reviews/{review}/"),
    ("get", "/api/reviews/{review}/self-review/"),
    ("post", "/api/reviews/{review}/manager-review/"),
    ("get", "/api/reviews/{review}/transitions/submit_goals/"),
    ("put", "/api/feedback-requests/"),
])
def test_methods_an_endpoint_does_not_have_answer_405(org, api, cycle, method, url):
    advance(cycle, "launch", by=org.hr_admin)
    url = url.format(cycle=cycle.pk, review=review_of(cycle, org.employee).pk)
    assert getattr(api(org.hr_admin), method)(url, {}, format="json").status_code == 405


def test_the_review_list_filters_by_cycle_person_and_state(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    run_transition(review_of(cycle, org.employee), "submit_goals", by=org.employee.user)
    hr = api(org.hr_admin)
    assert hr.get(f"/api/reviews/?cycle={cycle.pk}").json()["count"] == Review.objects.filter(cycle=cycle).count()
    [mine] = hr.get(f"/api/reviews/?person={org.employee.pk}").json()["results"]
    assert mine["person"] == org.employee.pk
    assert [r["person"] for r in hr.get("/api/reviews/?state=goals_submitted").json()["results"]] == [
        org.employee.pk]
    assert hr.get("/api/reviews/?state=nonsense").status_code == 400


def test_changing_the_participants_of_a_running_cycle_syncs_its_reviews(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    response = api(org.hr_admin).patch(f"/api/cycles/{cycle.pk}/", {"participant_units": [org.engineering.pk]},
                                       format="json")
    assert response.status_code == 200
    open_people = set(Review.objects.filter(cycle=cycle).exclude(state="withdrawn").values_list("person", flat=True))
    assert open_people == {org.skip.pk, org.manager.pk, org.employee.pk, org.peer.pk}
    assert review_of(cycle, org.outsider).state == "withdrawn"
