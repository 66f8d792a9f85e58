"""Lists and the inbox run a fixed number of queries whatever the size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from okrs.models import Objective
from reviews.models import FeedbackRequest, Review
from reviews.selectors import tasks_for
from tests.cycles.factories import advance, current_quarter, make_cycle
from tests.factories import PersonFactory, UnitFactory, build_org

pytestmark = pytest.mark.django_db


def populate(org, size: int):
    """A unit of ``size`` people under a fresh manager, a launched cycle, a goal and two requests per review."""
    boss = PersonFactory(unit=org.acme, manager=org.ceo)
    unit = UnitFactory(parent=org.acme)
    people = build_org(size, unit=unit, top=boss, fanout=size)  # all report to the boss directly
    cycle = make_cycle(by=org.hr_admin, units=[unit], max_respondents=5)
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    period = current_quarter()
    Objective.objects.bulk_create(
        Objective(title=f"Goal of {p.pk}", level="personal", owner=p, period=period) for p in people
    )
    reviews = list(Review.objects.filter(cycle=cycle))
    requests = FeedbackRequest.objects.bulk_create(
        FeedbackRequest(review=r, respondent=responder, cycle=cycle, group="peer", state="approved")
        for r in reviews for responder in (boss, org.peer)
    )
    through = FeedbackRequest.goals.through
    goal_of = dict(Objective.objects.filter(owner__in=people).values_list("owner_id", "pk"))
    by_review = {r.pk: r.person_id for r in reviews}
    through.objects.bulk_create(
        through(feedbackrequest_id=q.pk, objective_id=goal_of[by_review[q.review_id]]) for q in requests
    )
    Review.objects.filter(cycle=cycle).update(state="self_submitted")
    return boss, cycle


def count(client, url: str) -> int:
    client.get(url)  # warm: roles are cached per user, as within one request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["hr_admin", "boss"])
def test_the_review_list_runs_the_same_queries_at_two_sizes(org, api, who):
    counts = []
    for size in (4, 30):
        boss, cycle = populate(org, size)
        client = api(org.hr_admin if who == "hr_admin" else boss)
        data = client.get(f"/api/reviews/?cycle={cycle.pk}").json()
        assert data["count"] == size
        assert all(r["feedback"] is not None and r["questions"] for r in data["results"])
        counts.append(count(client, f"/api/reviews/?cycle={cycle.pk}"))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20, counts


@pytest.mark.parametrize("who", ["hr_admin", "respondent"])
def test_the_feedback_request_list_runs_the_same_queries_at_two_sizes(org, api, who):
    counts = []
    for size in (4, 30):
        boss, cycle = populate(org, size)
        client = api(org.hr_admin if who == "hr_admin" else boss)
        url = "/api/feedback-requests/?page_size=200&state=approved"
        expected = ["cancel"] if who == "hr_admin" else ["cancel", "decline", "submit"]  # the boss manages them too
        data = client.get(url).json()
        mine = [r for r in data["results"] if r["respondent"] == boss.pk]
        assert len(mine) == size and all(r["transitions"] == expected for r in mine)
        assert len(data["results"]) >= size * (2 if who == "hr_admin" else 1)
        counts.append(count(client, url))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20, counts


def test_tasks_for_runs_the_same_queries_at_two_sizes(org):
    counts = []
    for size in (4, 30):
        boss, _ = populate(org, size)
        tasks_for(boss.user)
        with CaptureQueriesContext(connection) as queries:
            tasks = tasks_for(boss.user)
        assert len([t for t in tasks if t["kind"] == "approve_respondents"]) == size
        assert len([t for t in tasks if t["kind"] == "give_feedback"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 3, counts
