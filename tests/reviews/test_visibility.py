"""Who reads which part of a review, and feedback per the cycle's anonymity mode."""

import pytest

from reviews.models import FeedbackRequest, Review
from reviews.selectors import reviews_visible_to, tasks_for
from tests.cycles.factories import advance, make_cycle, walk
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


def test_reviews_visible_to_follows_the_reporting_line_and_hr_grants(org, cycle):
    advance(cycle, "launch", by=org.hr_admin)

    def people(persona):
        return set(reviews_visible_to(persona.user).values_list("person__full_name", flat=True))

    assert people(org.employee) == {"Emil Employee"}
    assert people(org.manager) == {"Mia Manager", "Emil Employee", "Pia Peer"}
    assert people(org.skip) == {"Sam Skip", "Mia Manager", "Emil Employee", "Pia Peer"}
    assert people(org.hr_partner) == {"Hana Partner", "Sam Skip", "Mia Manager", "Emil Employee", "Pia Peer"}
    assert len(people(org.hr_admin)) == Review.objects.filter(cycle=cycle).count()
    assert people(org.outsider) == {"Otto Outsider"}


def test_the_employee_reads_the_managers_parts_only_after_release(org, api, cycle):
    review = walk(org, cycle, "calibrated")
    before = api(org.employee).get(f"/api/reviews/{review.pk}/").json()
    assert not {"manager_review", "final_rating", "calibration_reason", "feedback"} & set(before)
    manager = api(org.manager).get(f"/api/reviews/{review.pk}/").json()
    assert manager["final_rating"] == 4 and manager["manager_review"]["potential"] == 2
    advance(review.cycle, "release_results", by=org.hr_admin)
    after = api(org.employee).get(f"/api/reviews/{review.pk}/").json()
    assert after["final_rating"] == 4 and after["manager_review"]["answers"][0]["text"] == "Solid"
    assert "potential" not in after["manager_review"]


def feedback_as(api, persona, review):
    return api(persona).get(f"/api/reviews/{review.pk}/").json().get("feedback")


@pytest.fixture
def released(org):
    """make(anonymity, threshold) → the employee's released review with two peer answers."""

    def make(anonymity: str, threshold: int = 2) -> Review:
        cycle = make_cycle(by=org.hr_admin, units=[org.acme], anonymity=anonymity, anonymity_threshold=threshold)
        review = walk(org, cycle, "manager_submitted")
        FeedbackRequest.objects.filter(review=review).update(group="peer")
        advance(review.cycle, "start_calibration", "release_results", by=org.hr_admin)
        return review

    return make


def test_anonymous_feedback_shows_group_aggregates_without_names(org, api, released):
    review = released("anonymous", threshold=2)
    [peers] = feedback_as(api, org.employee, review)
    assert (peers["group"], peers["responses"], peers["average"], peers["withheld"]) == ("peer", 2, 4.0, False)
    assert peers["comments"] and all("respondent" not in c for c in peers["comments"])
    assert feedback_as(api, org.manager, review) == [peers]  # the manager sees what the employee sees
    hr = feedback_as(api, org.hr_admin, review)
    assert {c["respondent"]["full_name"] for c in hr[0]["comments"]} == {"Pia Peer", "Otto Outsider"}


def test_anonymous_feedback_withholds_a_group_below_the_threshold(org, api, released):
    review = released("anonymous", threshold=3)
    [peers] = feedback_as(api, org.employee, review)
    # No count either: a withheld group of one would name the one who answered.
    assert (peers["responses"], peers["average"], peers["comments"], peers["withheld"]) == (None, None, [], True)


def test_named_feedback_shows_names_to_the_employee(org, api, released):
    review = released("named", threshold=5)
    [peers] = feedback_as(api, org.employee, review)
    assert peers["withheld"] is False
    assert {c["respondent"]["full_name"] for c in peers["comments"]} == {"Pia Peer", "Otto Outsider"}


def test_manager_only_feedback_never_reaches_the_employee(org, api, released):
    review = released("manager_only")
    assert feedback_as(api, org.employee, review) is None
    [peers] = feedback_as(api, org.manager, review)
    assert {c["respondent"]["full_name"] for c in peers["comments"]} == {"Pia Peer", "Otto Outsider"}


def test_individual_answers_are_shown_to_the_respondent_and_never_to_the_reviewee(org, api, released):
    review = released("named")
    request = FeedbackRequest.objects.filter(review=review).first()
    url = f"/api/feedback-requests/{request.pk}/"
    assert "answers" in api(request.respondent).get(url).json()
    assert "answers" not in api(org.employee).get(url).json()
    assert "answers" in api(org.manager).get(url).json()


def test_tasks_for_lists_each_personas_next_step_with_its_deadline(org, cycle):
    review = walk(org, cycle, "self_submitted")
    tasks = tasks_for(org.manager.user)
    assert {(t["kind"], t["person"]) for t in tasks} == {
        ("approve_respondents", org.employee), ("write_self_review", org.manager)}
    task = next(t for t in tasks if t["kind"] == "approve_respondents")
    assert (task["review"].pk, task["deadline"]) == (review.pk, "2030-01-31")
    assert {t["kind"] for t in tasks_for(org.peer.user)} == {"write_self_review"}
    advance(review.cycle, "open_feedback", by=org.hr_admin)
    run_transition(review, "approve_respondents", by=org.manager.user)
    assert "give_feedback" in {t["kind"] for t in tasks_for(org.peer.user)}
    [give] = [t for t in tasks_for(org.outsider.user) if t["kind"] == "give_feedback"]
    assert (give["request"].review_id, give["person"], give["deadline"]) == (review.pk, org.employee, None)


def test_unless_named_the_employee_does_not_learn_who_answered(org, api, released):
    review = released("anonymous")
    FeedbackRequest.objects.filter(review=review, respondent=org.outsider).update(state="declined")
    rows = api(org.employee).get(f"/api/reviews/{review.pk}/").json()["respondents"]
    assert {r["state"] for r in rows} == {"approved"}
    listed = api(org.employee).get(f"/api/feedback-requests/?review={review.pk}").json()["results"]
    assert {r["state"] for r in listed} == {"approved"}
    assert {r["state"] for r in api(org.manager).get(f"/api/reviews/{review.pk}/").json()["respondents"]} == {
        "submitted", "declined"}


def test_in_named_mode_the_employee_sees_who_answered(org, api, released):
    review = released("named")
    rows = api(org.employee).get(f"/api/reviews/{review.pk}/").json()["respondents"]
    assert {r["state"] for r in rows} == {"submitted"}
