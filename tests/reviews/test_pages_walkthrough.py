"""A whole cycle for the small org through the pages, each step by the persona who owns it."""

import pytest

from cycles.models import ReviewCycle
from cycles.services import default_scale, default_template
from reviews.forms import field_prefix
from reviews.models import FeedbackRequest, Review
from reviews.selectors import request_questions, review_questions
from tests.cycles.factories import ObjectiveFactory, current_quarter, nominate, walk
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def answers_form(asked, text="Done", rating=None, **extra):
    data = dict(extra)
    for q in asked:
        if q["scale"]:
            data[f"{field_prefix(q)}-rating"] = rating or q["scale"][-2]["value"]
        if q["kind"] != "rating":
            data[f"{field_prefix(q)}-text"] = text
    return data


def cycle_form(org, **overrides):
    data = {
        "name": "Autumn review", "periods": [current_quarter().pk], "participant_units": [org.acme.pk],
        "template": default_template().pk, "final_scale": default_scale("final-rating").pk,
        "potential_scale": default_scale("potential").pk, "anonymity": "named", "anonymity_threshold": 2,
        "min_respondents": 2, "max_respondents": 3, "max_requests_per_respondent": 5, "feedback_phase": "on",
        "calibration_phase": "on", "deadline_self_review": "2030-01-31", "deadline_manager_review": "2030-02-28",
        "weight_manager": 2, "weight_customer": 1, "weight_peer": 1, "weight_report": 1,
    }
    data.update(overrides)
    return data


def move(client, cycle, *names):
    for name in names:
        response = client.post(f"/cycles/{cycle.pk}/transitions/{name}/")
        assert response.status_code == 302, (name, response.content[:500])


def test_a_whole_cycle_walks_through_the_pages(org, web, goal):
    hr, employee, manager = web(org.hr_admin), web(org.employee), web(org.manager)

    # HR configures and launches the cycle.
    response = hr.post("/cycles/new/", cycle_form(org))
    assert response.status_code == 302, response.content.decode()[:3000]
    cycle = ReviewCycle.objects.get(name="Autumn review")
    assert cycle.group_weights["manager"] == 2 and cycle.deadlines["self_review"] == "2030-01-31"
    assert hr.get(f"/cycles/{cycle.pk}/").status_code == 200
    move(hr, cycle, "launch")
    review = Review.objects.get(cycle=cycle, person=org.employee)
    url = f"/reviews/{review.pk}"
    assert employee.post(f"{url}/transitions/submit_goals/").status_code == 302
    assert manager.post(f"{url}/transitions/agree_goals/").status_code == 302
    move(hr, cycle, "start_tracking", "open_self_review")

    # The employee finds the task, writes with autosave, names respondents and submits.
    inbox = employee.get("/reviews/tasks/")
    assert inbox.status_code == 200 and f"/reviews/{review.pk}/" in inbox.content.decode()
    page = employee.get(f"{url}/")
    assert page.status_code == 200 and 'hx-trigger="input delay:800ms, change"' in page.content.decode()
    asked = review_questions(Review.objects.get(pk=review.pk), authors=("self",))
    saved = employee.post(f"{url}/self-review/", answers_form(asked, "First draft", version=0), **HTMX)
    assert saved.status_code == 200 and 'value="1"' in saved.content.decode()
    assert Review.objects.get(pk=review.pk).version == 1
    for person, group in ((org.peer, "peer"), (org.outsider, "customer")):
        added = employee.post(f"{url}/respondents/", {"respondent": person.pk, "group": group, "goals": [goal.pk]})
        assert added.status_code == 302, added.content.decode()[:2000]
    submitted = employee.post(f"{url}/self-review/", answers_form(asked, "Shipped it", version=1, submit="1"))
    assert submitted.status_code == 302
    review.refresh_from_db()
    assert review.state == "self_submitted" and review.self_answers[0]["text"] == "Shipped it"

    # The manager sees the self-review and the list, and approves it.
    page = manager.get(f"{url}/").content.decode()
    assert "Shipped it" in page and org.peer.full_name in page
    assert manager.post(f"{url}/transitions/approve_respondents/").status_code == 302
    assert set(FeedbackRequest.objects.filter(review=review).values_list("state", flat=True)) == {"approved"}
    move(hr, cycle, "open_feedback")

    # Each respondent answers about the goal they were named on.
    for person in (org.peer, org.outsider):
        client = web(person)
        request = FeedbackRequest.objects.get(review=review, respondent=person)
        assert f"/reviews/requests/{request.pk}/" in client.get("/reviews/tasks/").content.decode()
        page = client.get(f"/reviews/requests/{request.pk}/")
        assert page.status_code == 200 and goal.title in page.content.decode()
        asked = request_questions(request)
        assert [q["goal"] for q in asked if q["kind"] == "goal"] == [goal.pk]
        sent = client.post(f"/reviews/requests/{request.pk}/answers/",
                           answers_form(asked, f"Feedback from {person.full_name}", rating=4, submit="1"))
        assert sent.status_code == 302, sent.content.decode()[:2000]
        assert FeedbackRequest.objects.get(pk=request.pk).state == "submitted"
    move(hr, cycle, "open_manager_review")

    # The manager reads the named feedback and writes the manager review.
    page = manager.get(f"{url}/").content.decode()
    assert f"Feedback from {org.peer.full_name}" in page
    assert f"/reviews/{review.pk}/" in manager.get("/reviews/tasks/").content.decode()
    asked = review_questions(review, authors=("manager",))
    response = manager.post(f"{url}/manager-review/",
                            answers_form(asked, "Solid year", final_rating=3, potential=2, submit="1"))
    assert response.status_code == 302, response.content.decode()[:3000]
    review.refresh_from_db()
    assert (review.state, review.preliminary_rating, review.potential) == ("manager_submitted", 3, 2)

    # HR calibrates and releases; the employee reads and acknowledges.
    move(hr, cycle, "start_calibration")
    assert hr.post(f"{url}/transitions/calibrate/", {"final_rating": 4, "reason": "exceeded"}).status_code == 302
    move(hr, cycle, "release_results")
    assert "Solid year" in employee.get(f"{url}/").content.decode()
    assert employee.post(f"{url}/transitions/acknowledge/").status_code == 302
    assert Review.objects.get(pk=review.pk).state == "acknowledged"


def test_a_respondent_may_also_answer_about_a_public_goal_and_nothing_else(org, web, cycle, goal):
    public = ObjectiveFactory(owner=org.employee, title="Open to anyone")
    hidden = ObjectiveFactory(owner=org.employee, title="Not asked")
    review = walk(org, cycle, "self_review")
    Review.objects.filter(pk=review.pk).update(public_goals=[public.pk])
    [request] = nominate(Review.objects.get(pk=review.pk), org.peer, goals=[goal])
    run_transition(request, "approve", by=org.manager.user)
    client = web(org.peer)
    page = client.get(f"/reviews/requests/{request.pk}/").content.decode()
    assert goal.title in page and "Open to anyone" in page and "Not asked" not in page
    asked = request_questions(FeedbackRequest.objects.get(pk=request.pk))
    assert {q["goal"] for q in asked if q["kind"] == "goal"} == {goal.pk, public.pk}
    data = answers_form(asked, "About it", rating=4)
    data[f"a-{asked[0]['id']}-{hidden.pk}--text"] = "Sneaked in"
    assert client.post(f"/reviews/requests/{request.pk}/answers/", data).status_code == 302
    answers = FeedbackRequest.objects.get(pk=request.pk).answers
    assert {a["goal"] for a in answers} == {None, goal.pk, public.pk}
    assert all(a["text"] != "Sneaked in" for a in answers)


def test_the_employee_reads_the_released_review_without_the_potential(org, web, cycle):
    review = walk(org, cycle, "released")
    page = web(org.employee).get(f"/reviews/{review.pk}/").content.decode()
    assert "Solid" in page and "Potential" not in page
    page = web(org.skip).get(f"/reviews/{review.pk}/").content.decode()
    assert "Potential" in page and "medium" in page
