"""Calibration forms that help: a new session chooses units and managers with searchable pickers and a
refused one comes back with its input; a rating changed without a reason is refused beside the row."""

import re

import pytest
from django.urls import reverse

from reviews.models import CalibrationSession, Review
from tests.cycles.factories import advance, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def calibrating(org, cycle):
    review = walk(org, cycle, "manager_submitted")
    advance(review.cycle, "start_calibration", by=org.hr_admin)
    return Review.objects.get(pk=review.pk)


def test_a_session_takes_units_and_managers_from_pickers(org, web, calibrating):
    url = reverse("reviews:calibration_session_add", args=[calibrating.cycle_id])
    page = web(org.hr_admin).get(url).content.decode()
    assert re.search(r'<select name="units"[^>]*data-picker', page)
    assert re.search(r'<select name="participants"[^>]*data-picker-url="/cycles/people/"', page)
    response = web(org.hr_admin).post(url, {"name": "Platform", "units": [org.platform.pk],
                                            "participants": [org.skip.pk, org.manager.pk]})
    assert response.status_code == 302
    session = CalibrationSession.objects.get()
    assert set(session.participants.all()) == {org.skip, org.manager}


def test_a_refused_session_comes_back_with_what_was_chosen(org, web, calibrating):
    url = reverse("reviews:calibration_session_add", args=[calibrating.cycle_id])
    response = web(org.hr_admin).post(url, {"name": "", "units": [], "participants": [org.skip.pk]})
    assert response.status_code == 400
    html = response.content.decode()
    block = re.search(r'<div class="alert error error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#id_name"' in block and 'href="#id_units"' in block
    # The chosen manager stays chosen, and only the chosen are rendered (not every person of the company).
    assert re.search(rf'<option value="{org.skip.pk}" selected>Sam Skip</option>', html)
    assert f'value="{org.peer.pk}"' not in html
    assert not CalibrationSession.objects.exists()


def test_a_rating_changed_without_a_reason_is_refused_beside_the_row(org, web, calibrating):
    base = reverse("reviews:calibration", args=[calibrating.cycle_id])
    response = web(org.hr_admin).post(reverse("reviews:calibration_calibrate", args=[calibrating.pk]),
                                      {"final_rating": 5, "reason": " ", "next": f"{base}?level="})
    assert response.status_code == 400
    html = response.content.decode()
    block = re.search(r'<div class="alert error error-summary".*?</div>', html, re.S).group(0)
    assert f'href="#reason-{calibrating.pk}"' in block
    assert f'id="reason-{calibrating.pk}-errors"' in html
    assert re.search(r'<option value="5" selected>', html)  # the rating chosen is kept
    assert Review.objects.get(pk=calibrating.pk).calibrated_rating != 5
