"""HR reopens a submitted step with a reason; calibration keeps the preliminary rating and needs a reason."""

import pytest

from reviews.models import Review
from tests.cycles.factories import advance, walk
from workflows.models import TransitionLog

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("state", "back_to"), [
    ("self_submitted", "self_review"), ("manager_submitted", "respondents_approved"),
])
def test_hr_admin_reopens_a_submitted_step_with_a_reason(org, api, cycle, state, back_to):
    review = walk(org, cycle, state)
    url = f"/api/reviews/{review.pk}/transitions/reopen/"
    assert api(org.hr_admin).post(url, {}, format="json").status_code == 400
    assert api(org.manager).post(url, {"reason": "typo"}, format="json").status_code == 403
    assert api(org.hr_partner).post(url, {"reason": "typo"}, format="json").status_code == 403
    response = api(org.hr_admin).post(url, {"reason": "the employee asked to fix a typo"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == back_to
    log = TransitionLog.objects.filter(content_type__model="review", object_id=review.pk).order_by("-pk").first()
    assert (log.transition, log.source, log.target, log.reason) == (
        "reopen", state, back_to, "the employee asked to fix a typo")


def test_reopen_is_refused_where_nothing_was_submitted(org, api, cycle):
    review = walk(org, cycle, "self_review")
    response = api(org.hr_admin).post(f"/api/reviews/{review.pk}/transitions/reopen/", {"reason": "x"}, format="json")
    assert response.status_code == 409


def test_calibration_sets_the_final_rating_keeps_the_preliminary_and_needs_a_reason(org, api, cycle):
    review = walk(org, cycle, "manager_submitted")
    url = f"/api/reviews/{review.pk}/transitions/calibrate/"
    assert api(org.hr_admin).post(url, {"final_rating": 5, "reason": "x"}, format="json").status_code == 409
    advance(review.cycle, "start_calibration", by=org.hr_admin)
    assert api(org.hr_admin).post(url, {"final_rating": 5}, format="json").status_code == 400
    assert api(org.hr_admin).post(url, {"final_rating": 9, "reason": "x"}, format="json").status_code == 400
    assert api(org.manager).post(url, {"final_rating": 5, "reason": "x"}, format="json").status_code == 403
    assert api(org.hr_partner).post(url, {"final_rating": 5, "reason": "peer evidence"},
                                    format="json").status_code == 200
    stored = Review.objects.get(pk=review.pk)
    assert (stored.preliminary_rating, stored.calibrated_rating, stored.final_rating) == (3, 5, 5)
    assert stored.calibration_reason == "peer evidence"


def test_ratings_are_locked_after_release(org, api, cycle):
    review = walk(org, cycle, "released")
    response = api(org.hr_admin).post(f"/api/reviews/{review.pk}/transitions/calibrate/",
                                      {"final_rating": 1, "reason": "late change"}, format="json")
    assert response.status_code == 409
    assert response.json()["state"] == "released"


def test_hr_admin_withdraws_a_review_which_stays_readable_and_its_requests_are_cancelled(org, api, cycle):
    review = walk(org, cycle, "respondents_approved")
    url = f"/api/reviews/{review.pk}/transitions/withdraw/"
    assert api(org.manager).post(url, {"reason": "x"}, format="json").status_code == 403
    assert api(org.hr_admin).post(url, {"reason": "long leave"}, format="json").json()["state"] == "withdrawn"
    assert api(org.employee).get(f"/api/reviews/{review.pk}/").json()["state"] == "withdrawn"
    assert set(review.requests.values_list("state", flat=True)) == {"cancelled"}


def test_goals_reopened_after_the_self_review_opened_find_their_way_back(org, api, cycle):
    review = walk(org, cycle, "goals_draft")
    api(org.employee).post(f"/api/reviews/{review.pk}/transitions/submit_goals/")
    api(org.manager).post(f"/api/reviews/{review.pk}/transitions/agree_goals/")
    advance(review.cycle, "open_self_review", by=org.hr_admin)
    # HR put the goals back for rework after the phase moved everyone on.
    Review.objects.filter(pk=review.pk).update(state="goals_agreed")
    url = f"/api/reviews/{review.pk}/transitions/"
    assert api(org.hr_admin).post(f"{url}reopen/", {"reason": "wrong goal"}, format="json").json()[
        "state"] == "goals_submitted"
    # Agreed again while the self-review is open: the review goes straight back into it.
    assert api(org.manager).post(f"{url}agree_goals/").json()["state"] == "self_review"
