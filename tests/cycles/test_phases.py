"""Phase moves carry finished work along in bulk, one log row per review moved, and nothing else; optional
phases may be skipped."""

import pytest

from reviews.models import FeedbackRequest, Review
from tests.cycles.factories import advance, make_cycle, nominate, review_of, walk
from workflows.models import TransitionLog
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


def review_logs(transition: str) -> list[TransitionLog]:
    return list(TransitionLog.objects.filter(content_type__model="review", transition=transition))


def test_opening_the_self_review_moves_only_agreed_goals_and_logs_each_review(org, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    run_transition(review_of(cycle, org.employee), "submit_goals", by=org.employee.user)
    run_transition(review_of(cycle, org.peer), "submit_goals", by=org.peer.user)
    run_transition(review_of(cycle, org.peer), "agree_goals", by=org.manager.user)
    advance(cycle, "open_self_review", by=org.hr_admin, goals_agreed=False)
    assert review_of(cycle, org.peer).state == "self_review"
    # Unfinished goals stay with their owners: submitted ones await the manager, drafts the employee.
    assert review_of(cycle, org.employee).state == "goals_submitted"
    others = Review.objects.filter(cycle=cycle).exclude(person__in=[org.peer, org.employee])
    assert set(others.values_list("state", flat=True)) == {"goals_draft"}
    [log] = review_logs("open_self_review")
    assert (log.object_id, log.source, log.by_id) == (review_of(cycle, org.peer).pk, "goals_agreed",
                                                      org.hr_admin.user.pk)


def test_goals_agreed_late_enter_the_self_review_that_is_open(org, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    advance(cycle, "open_self_review", by=org.hr_admin, goals_agreed=False)
    review = review_of(cycle, org.employee)
    run_transition(review, "submit_goals", by=org.employee.user)
    assert run_transition(review, "agree_goals", by=org.manager.user).state == "self_review"


def test_opening_the_manager_review_moves_no_review_and_cancels_nothing(org, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    [request] = nominate(review_of(cycle, org.employee), org.peer)
    advance(cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    assert set(Review.objects.filter(cycle=cycle).values_list("state", flat=True)) == {"self_review"}
    assert FeedbackRequest.objects.get(pk=request.pk).state == "nominated"
    assert review_logs("close_self_review") == []


def test_release_moves_calibrated_and_uncalibrated_submitted_reviews(org, cycle):
    review = walk(org, cycle, "manager_submitted")
    cycle.refresh_from_db()
    advance(cycle, "start_calibration", "release_results", by=org.hr_admin)
    review.refresh_from_db()
    assert review.state == "released"
    assert review.final_rating == 3  # the manager's preliminary rating stands
    others = Review.objects.filter(cycle=cycle).exclude(pk=review.pk)
    assert set(others.values_list("state", flat=True)) == {"self_review"}  # never submitted: not released


def test_hr_may_skip_the_optional_phases_when_the_cycle_has_them_off(org, api):
    cycle = make_cycle(by=org.hr_admin, units=[org.platform], feedback_phase=False, calibration_phase=False)
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    hr = api(org.hr_admin)
    base = f"/api/cycles/{cycle.pk}/transitions"
    refused = hr.post(f"{base}/open_feedback/")
    assert refused.status_code == 409
    assert refused.json() == {"detail": "this cycle has no feedback phase", "state": "self_review"}
    assert hr.post(f"{base}/open_manager_review/").json()["state"] == "manager_review"
    assert hr.post(f"{base}/start_calibration/").status_code == 409
    assert hr.post(f"{base}/release_results/").json()["state"] == "conversations"


def test_a_phase_that_is_on_cannot_be_skipped(org, api, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    response = api(org.hr_admin).post(f"/api/cycles/{cycle.pk}/transitions/open_manager_review/")
    assert response.status_code == 409
    assert "feedback" in response.json()["detail"]


def test_transitions_of_a_cycle_follow_its_state_for_hr_and_are_empty_for_others(org, api, cycle):
    assert api(org.hr_admin).get(f"/api/cycles/{cycle.pk}/").json()["transitions"] == ["launch"]
    assert api(org.hr_partner).get(f"/api/cycles/{cycle.pk}/").json()["transitions"] == []
    advance(cycle, "launch", by=org.hr_admin)
    assert api(org.employee).get(f"/api/cycles/{cycle.pk}/").json()["transitions"] == []
    assert api(org.hr_admin).get(f"/api/cycles/{cycle.pk}/").json()["transitions"] == [
        "open_self_review", "skip_unfinished", "start_tracking"]
