"""Calibration: who sees a session's reviews, every rating change logged with its reason, the lock after
release, rater-quality flags on constructed answers, and a page whose query count does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import CalibrationChange, CalibrationSession, FeedbackRequest, Review
from reviews.selectors.rater_quality import _flags, rater_flags, thresholds
from reviews.services import calibration_session_create
from tests.cycles.factories import advance, respondent_answers, walk
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calibrating(org, cycle):
    """The employee's review submitted by the manager, the cycle in its calibration phase."""
    review = walk(org, cycle, "manager_submitted")
    advance(review.cycle, "start_calibration", by=org.hr_admin)
    return Review.objects.get(pk=review.pk)


def _session(org, review, units, participants):
    return calibration_session_create(cycle=review.cycle, by=org.hr_admin.user, name="Engineering", units=units,
                                      participants=participants)


def test_hr_admin_and_the_hr_partner_see_the_calibration_page(web, org, calibrating):
    url = reverse("reviews:calibration", args=[calibrating.cycle_id])
    for reader in (org.hr_admin, org.hr_partner):
        page = web(reader).get(url)
        assert page.status_code == 200
        assert "Emil Employee" in page.content.decode()


def test_a_manager_outside_every_session_sees_nothing_of_it(web, org, calibrating):
    _session(org, calibrating, [org.platform], [org.skip])
    url = reverse("reviews:calibration", args=[calibrating.cycle_id])
    for outsider in (org.outsider, org.manager, org.employee):
        assert web(outsider).get(url).status_code == 404
        assert web(outsider).post(reverse("reviews:calibration_calibrate", args=[calibrating.pk]),
                                  {"final_rating": 2, "reason": "x"}).status_code == 404
    session = CalibrationSession.objects.get()
    assert web(org.outsider).get(f"{url}?session={session.pk}").status_code == 404


def test_a_manager_taking_part_sees_only_the_sessions_units(web, org, calibrating):
    # The outsider (Sales) takes part in a session over Platform: they see and calibrate Platform's reviews.
    _session(org, calibrating, [org.platform], [org.outsider])
    sales_session = _session(org, calibrating, [org.sales], [org.peer])
    page = web(org.outsider).get(reverse("reviews:calibration", args=[calibrating.cycle_id]))
    assert page.status_code == 200 and "Emil Employee" in page.content.decode()
    # The peer's session covers Sales only: no Platform review in sight.
    peer_page = web(org.peer).get(reverse("reviews:calibration", args=[calibrating.cycle_id]) +
                                  f"?session={sales_session.pk}").content.decode()
    assert "Emil Employee" not in peer_page
    response = web(org.outsider).post(reverse("reviews:calibration_calibrate", args=[calibrating.pk]),
                                      {"final_rating": 2, "reason": "Below the bar across the unit"})
    assert response.status_code == 302
    assert Review.objects.get(pk=calibrating.pk).calibrated_rating == 2
    assert web(org.peer).post(reverse("reviews:calibration_calibrate", args=[calibrating.pk]),
                              {"final_rating": 5, "reason": "x"}).status_code == 404


def test_every_change_is_logged_and_needs_a_reason(web, org, calibrating):
    url = reverse("reviews:calibration_calibrate", args=[calibrating.pk])
    refused = web(org.hr_partner).post(url, {"final_rating": 4, "reason": "  "})
    assert refused.status_code == 400
    assert not CalibrationChange.objects.exists()
    assert web(org.hr_partner).post(url, {"final_rating": 4, "reason": "Shipped the launch early"}).status_code == 302
    assert web(org.hr_admin).post(url, {"final_rating": 5, "reason": "Company-wide impact"}).status_code == 302
    changes = list(CalibrationChange.objects.order_by("pk").values_list("by_id", "from_rating", "to_rating", "reason"))
    assert changes == [(org.hr_partner.pk, 3, 4, "Shipped the launch early"),
                       (org.hr_admin.pk, 4, 5, "Company-wide impact")]
    page = web(org.hr_admin).get(reverse("reviews:calibration", args=[calibrating.cycle_id])).content.decode()
    assert "Company-wide impact" in page


def test_ratings_lock_when_results_are_released(api, web, org, cycle):
    review = walk(org, cycle, "released")
    response = api(org.hr_admin).post(f"/api/reviews/{review.pk}/transitions/calibrate/",
                                      {"final_rating": 2, "reason": "too late"}, format="json")
    assert response.status_code == 409
    page = web(org.hr_admin).post(reverse("reviews:calibration_calibrate", args=[review.pk]),
                                  {"final_rating": 2, "reason": "too late"})
    assert page.status_code == 409
    assert Review.objects.get(pk=review.pk).final_rating == 4
    assert "ratings are locked" in web(org.hr_admin).get(
        reverse("reviews:calibration", args=[review.cycle_id])).content.decode()


def test_the_calibration_reason_reaches_the_employee_only_after_release(api, org, cycle):
    review = walk(org, cycle, "calibrated")
    assert "calibration_reason" not in api(org.employee).get(f"/api/reviews/{review.pk}/").json()
    advance(review.cycle, "release_results", by=org.hr_admin)
    data = api(org.employee).get(f"/api/reviews/{review.pk}/").json()
    assert data["final_rating"] == 4 and data["calibration_reason"] == "calibrated"
    assert "potential" not in data["manager_review"]


@pytest.mark.parametrize(("ratings", "comments", "expected"), [
    ([5, 5, 4, 5], ["Excellent work all year round"], ["lenient"]),
    ([5, 5, 4, 2], ["Excellent work all year round"], []),  # one low rating: not lenient
    ([2, 3, 2, 3], ["Needs to communicate more often"], ["strict"]),
    ([3, 3, 3, 3, 3], ["A fair, steady contributor here"], ["careless"]),
    ([3, 3, 3, 3], ["A fair, steady contributor here"], []),  # fewer than five: no verdict on variance
    ([3, 4, 2, 4], ["ok", "fine"], ["careless"]),  # comments under 20 characters on average
])
def test_it_flags_raters_by_the_rules(ratings, comments, expected, org, cycle):
    assert _flags(ratings, comments, thresholds(cycle)) == expected


def test_thresholds_are_configurable_per_cycle(org, cycle):
    cycle.rater_flags = {"strict_mean": 3.5, "lenient_mean": "bad"}
    assert thresholds(cycle)["strict_mean"] == 3.5
    assert thresholds(cycle)["lenient_mean"] == 4.1
    assert _flags([3, 3, 4], ["A fair, steady contributor here"], thresholds(cycle)) == ["strict"]


def test_it_flags_respondents_and_warns_of_a_thin_group_from_stored_answers(org, calibrating):
    # The peer and the outsider each answered 4 on the rating questions with "Good work" (9 characters).
    flags = rater_flags([calibrating], calibrating.cycle, reader=org.hr_admin.user)
    flagged = {(p["name"], p["role"]): p["flags"] for p in flags["people"]}
    assert flagged[("Pia Peer", "respondent")] == ["careless"]
    assert ("Otto Outsider", "respondent") in flagged
    # Two peer answers carry the full peer weight.
    assert [w for w in flags["warnings"][calibrating.pk] if w["kind"] == "thin"] == [
        {"kind": "thin", "group": "peer", "responses": 2}]
    calibrating.cycle.group_weights = {"peer": 0.5}
    assert not [w for w in rater_flags([calibrating], calibrating.cycle)["warnings"].get(calibrating.pk, [])
                if w["kind"] == "thin"]


def _grow(org, review, n):
    """``n`` more people under the manager, each with a submitted manager review and one peer answer."""
    for i in range(n):
        person = PersonFactory(unit=org.platform, manager=org.manager, title="Engineer" if i % 2 else "Senior")
        other = Review.objects.create(cycle=review.cycle, person=person, manager=org.manager, unit=org.platform,
                                      state=Review.State.MANAGER_SUBMITTED, preliminary_rating=1 + i % 5,
                                      potential=1 + i % 3)
        request = FeedbackRequest.objects.create(review=other, respondent=org.peer, cycle=review.cycle,
                                                 group="peer", state=FeedbackRequest.State.SUBMITTED)
        request.answers = respondent_answers(request, rating=1 + i % 5)
        request.save(update_fields=["answers"])


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_calibration_page_runs_the_same_queries_at_two_sizes(web, org, calibrating):
    client = web(org.hr_admin)
    url = reverse("reviews:calibration", args=[calibrating.cycle_id]) + f"?review={calibrating.pk}"
    _grow(org, calibrating, 5)
    small = _count(client, url)
    _grow(org, calibrating, 40)
    large = _count(client, url)
    assert small == large, (small, large)
    page = client.get(reverse("reviews:calibration", args=[calibrating.cycle_id])).content.decode()
    assert 'class="nine-box"' in page and 'class="histogram"' in page


def test_the_evidence_trail_shows_each_key_results_check_ins(web, org, calibrating, goal):
    from okrs.services import check_in_create, key_result_create

    kr = key_result_create(objective=goal, by=org.employee.user, title="Weekly active users", target=1000)
    check_in_create(key_result=kr, by=org.employee.user, value=400, confidence=6, note="Beta opened")
    calibration_page = web(org.hr_admin).get(
        reverse("reviews:calibration", args=[calibrating.cycle_id]) + f"?review={calibrating.pk}").content.decode()
    review_page = web(org.manager).get(reverse("reviews:review", args=[calibrating.pk])).content.decode()
    for page in (calibration_page, review_page):
        assert "Weekly active users" in page and "Beta opened" in page
    assert "Beta opened" not in web(org.employee).get(reverse("reviews:review", args=[calibrating.pk])).content.decode()
