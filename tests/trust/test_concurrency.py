"""Fifty people at once on one object (PostgreSQL): one transition wins, the rest get 409; no draft is lost.

Each thread is a real API request with its own connection, released behind one barrier, so the requests
reach the row lock together.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import close_old_connections, connection
from rest_framework.test import APIClient

from okrs.models import Objective
from okrs.services import key_result_create, objective_create
from reviews.models import FeedbackRequest, Review
from tests.cycles.factories import (
    advance,
    current_quarter,
    make_cycle,
    nominate,
    respondent_answers,
    review_of,
    self_answers,
)
from workflows.models import TransitionLog
from workflows.runner import run_transition

# Real threads need committed data and their own connections: no test transaction around them.
committed = pytest.mark.django_db(transaction=True)

THREADS = 50


def race(person, requests: list[tuple[str, str, dict]]) -> list[tuple[int, dict]]:
    """Send every (method, url, body) at once, each from its own thread and connection, as ``person``."""
    barrier = threading.Barrier(len(requests))
    outcomes: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def send(method: str, url: str, body: dict) -> None:
        client = APIClient()
        client.force_authenticate(user=person.user)
        try:
            barrier.wait(timeout=60)
            response = getattr(client, method)(url, body, format="json")
            with lock:
                outcomes.append((response.status_code, response.json()))
        finally:
            connection.close()

    close_old_connections()
    threads = [threading.Thread(target=send, args=request) for request in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(outcomes) == len(requests)
    return outcomes


def proposed_objective(org) -> Objective:
    objective = objective_create(by=org.employee.user, level=Objective.Level.PERSONAL, owner=org.employee,
                                 title="Ship the mobile app", period=current_quarter())
    key_result_create(by=org.employee.user, objective=objective, title="Crash-free sessions", start=90, target=99)
    return run_transition(objective, "submit", by=org.employee.user)


def submitted_goals(org) -> Review:
    cycle = advance(make_cycle(by=org.hr_admin, units=[org.acme]), "launch", by=org.hr_admin)
    return run_transition(review_of(cycle, org.employee), "submit_goals", by=org.employee.user)


def approved_request_with_answers(org) -> FeedbackRequest:
    cycle = advance(make_cycle(by=org.hr_admin, units=[org.acme]), "launch", "open_self_review", by=org.hr_admin)
    [request] = nominate(review_of(cycle, org.employee), org.peer)
    request = run_transition(request, "approve", by=org.manager.user)
    request.answers = respondent_answers(request)
    request.save(update_fields=["answers"])
    return request


def goal_setting_cycle(org):
    return advance(make_cycle(by=org.hr_admin, units=[org.acme]), "launch", by=org.hr_admin)


# (object builder, API path, who, transitions tried from the object's state: either may win, not both)
CONFLICTS = {
    "objective": (proposed_objective, "objectives", "hr_admin", ("agree", "return")),
    "review": (submitted_goals, "reviews", "manager", ("agree_goals", "return_goals")),
    "feedback request": (approved_request_with_answers, "feedback-requests", "peer", ("submit", "decline")),
    # The phase move carries every review along in bulk while the others wait on the cycle's row.
    "cycle": (goal_setting_cycle, "cycles", "hr_admin", ("open_self_review", "open_self_review")),
}


@pytest.mark.parametrize("kind", CONFLICTS)
@pytest.mark.postgres
@committed
def test_of_fifty_conflicting_transitions_exactly_one_wins_and_is_logged_once(org, kind):
    build, path, who, names = CONFLICTS[kind]
    obj = build(org)
    content_type = ContentType.objects.get_for_model(type(obj))
    logs_before = TransitionLog.objects.filter(content_type=content_type, object_id=obj.pk).count()
    requests = [("post", f"/api/{path}/{obj.pk}/transitions/{names[i % 2]}/", {"reason": f"attempt {i}"})
                for i in range(THREADS)]

    outcomes = race(getattr(org, who), requests)

    codes = Counter(status for status, _ in outcomes)
    assert codes == {200: 1, 409: THREADS - 1}, codes
    obj.refresh_from_db()
    [winner] = [body for status, body in outcomes if status == 200]
    assert winner["state"] == obj.state
    # Every loser is told the state it lost to, in the contract's shape.
    assert {(tuple(sorted(body)), body["state"]) for status, body in outcomes if status == 409} == {
        (("detail", "state"), obj.state)}
    logs = TransitionLog.objects.filter(content_type=content_type, object_id=obj.pk)
    assert logs.count() == logs_before + 1
    assert logs.order_by("-pk").first().target == obj.state


def self_review_draft(org):
    cycle = advance(make_cycle(by=org.hr_admin, units=[org.acme]), "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    return org.employee, review, f"/api/reviews/{review.pk}/self-review/", lambda text: self_answers(review, text)


def feedback_draft(org):
    cycle = advance(make_cycle(by=org.hr_admin, units=[org.acme]), "launch", "open_self_review", by=org.hr_admin)
    [request] = nominate(review_of(cycle, org.employee), org.peer)
    request = run_transition(request, "approve", by=org.manager.user)

    def answers(text: str) -> list[dict]:
        return [a for a in respondent_answers(request, text=text) if "text" in a and a["text"]]

    return org.peer, request, f"/api/feedback-requests/{request.pk}/answers/", answers


DRAFTS: dict[str, Callable] = {"self-review": self_review_draft, "feedback answers": feedback_draft}


def stored_texts(obj) -> set[str]:
    obj.refresh_from_db()
    answers = obj.self_answers if isinstance(obj, Review) else obj.answers
    return {a["text"] for a in answers if a.get("text")}


@pytest.mark.parametrize("kind", DRAFTS)
@pytest.mark.postgres
@committed
def test_fifty_saves_of_one_version_one_wins_and_the_others_get_the_stored_text_back(org, kind):
    author, obj, url, answers = DRAFTS[kind](org)
    requests = [("put", url, {"answers": answers(f"draft {i}"), "version": 0}) for i in range(THREADS)]

    outcomes = race(author, requests)

    codes = Counter(status for status, _ in outcomes)
    assert codes == {200: 1, 409: THREADS - 1}, codes
    stored = stored_texts(obj)
    assert len(stored) == 1 and stored <= {f"draft {i}" for i in range(THREADS)}
    assert obj.version == 1
    for status, body in outcomes:
        if status == 409:
            # "Changed elsewhere", with what is stored now: the caller still holds its own text and can merge.
            assert (body["detail"], body["version"]) == ("changed elsewhere", 1)
            assert {a["text"] for a in body["answers"] if a.get("text")} == stored
    # Saving again on top of the version the 409 named works.
    loser_text = "merged after the conflict"
    retry = race(author, [("put", url, {"answers": answers(loser_text), "version": 1})])
    assert retry[0][0] == 200
    assert stored_texts(obj) == {loser_text} and obj.version == 2


@pytest.mark.django_db
def test_a_version_from_the_future_is_refused_too(org, api):
    author, obj, url, answers = self_review_draft(org)
    response = api(author).put(url, {"answers": answers("typed"), "version": 7}, format="json")
    assert response.status_code == 409
    assert response.json()["version"] == 0
