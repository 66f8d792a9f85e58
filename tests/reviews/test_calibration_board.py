"""The calibration board changes ratings in place: an htmx post answers the changed row and, out of band, the
distribution, the 9-box and the change log for the board's filters; a refused change keeps the input and names
the field; a 9-box move sets rating and potential through the same logged calibrate action; nothing moves after
release; the page and the answer cost the same queries at two sizes."""

import re

import pytest
from django.urls import reverse

from reviews.models import CalibrationChange, FeedbackRequest, Review
from tests.cycles.factories import advance, respondent_answers, walk
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def calibrating(org, cycle):
    review = walk(org, cycle, "manager_submitted")  # preliminary 3, potential 2
    advance(review.cycle, "start_calibration", by=org.hr_admin)
    return Review.objects.get(pk=review.pk)


def _post(client, review, data, *, htmx=True):
    base = reverse("reviews:calibration", args=[review.cycle_id])
    data = {"next": f"{base}?level=&page=1", **data}
    return client.post(reverse("reviews:calibration_calibrate", args=[review.pk]), data, **(HTMX if htmx else {}))


def test_an_htmx_change_answers_the_row_and_the_boards_parts(org, web, calibrating):
    response = _post(web(org.hr_admin), calibrating, {"final_rating": 5, "reason": "Carried the launch"})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'<template><tr id="review-{calibrating.pk}" hx-swap-oob="true">', html)
    for part in ("calibration-histogram", "calibration-nine-box", "calibration-log", "calibration-managers"):
        assert re.search(rf'id="{part}"[^>]*hx-swap-oob="true"', html), part
    assert 'id="board-status" hx-swap-oob="innerHTML"' in html
    # The distribution counts the new rating; the log names who changed what, from, to and why.
    assert re.search(r'<tr data-rating="5"[^>]*><td>[^<]*</td><td class="count">1</td>', html)
    log = re.search(r'id="calibration-log".*?</section>', html, re.S).group(0)
    assert "Emil Employee" in log and "3 → 5" in log and "Carried the launch" in log and "Hugo Admin" in log
    # The board's filters travel on: the row's form posts back to the same page.
    assert 'name="next" value="/reviews/cycles/' in html and "level=&amp;page=1" in html
    assert Review.objects.get(pk=calibrating.pk).calibrated_rating == 5


def test_without_htmx_the_form_still_posts_and_redirects(org, web, calibrating):
    response = _post(web(org.hr_admin), calibrating, {"final_rating": 2, "reason": "Below the bar"}, htmx=False)
    assert response.status_code == 302 and "level=&page=1" in response["Location"]


def test_a_refused_change_keeps_the_input_and_names_the_field(org, web, calibrating):
    response = _post(web(org.hr_admin), calibrating, {"final_rating": 5, "reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    row = re.search(rf'<tr id="review-{calibrating.pk}".*?</tr>', html, re.S).group(0)
    assert f'id="reason-{calibrating.pk}-errors"' in row and 'aria-invalid="true"' in row
    assert re.search(r'<option value="5" selected>', row)
    status = re.search(r'id="board-status".*?</div>', html, re.S).group(0)
    assert f'href="#reason-{calibrating.pk}"' in status and "Reason" in status
    assert "calibration-histogram" not in html  # nothing else changed
    assert not CalibrationChange.objects.exists()


def test_a_nine_box_move_sets_rating_and_potential_with_its_reason(org, web, calibrating):
    response = _post(web(org.hr_admin), calibrating,
                     {"final_rating": 6, "potential": 3, "reason": "Ready for more", "via": "box"})
    assert response.status_code == 200
    review = Review.objects.get(pk=calibrating.pk)
    assert (review.calibrated_rating, review.potential) == (6, 3)
    change = CalibrationChange.objects.get()
    assert (change.reason, change.from_potential, change.to_potential) == ("Ready for more", 2, 3)
    assert "potential 2 → 3" in response.content.decode()  # the log says what the move did
    box = re.search(r'id="calibration-nine-box".*?</section>', response.content.decode(), re.S).group(0)
    top_right = re.search(r'<td class="box box-22".*?</td>', box, re.S).group(0)
    assert "Emil Employee" in top_right and f'data-url="/reviews/{review.pk}/calibrate/"' in top_right


def test_a_refused_move_comes_back_in_the_dialogs_fields(org, web, calibrating):
    response = _post(web(org.hr_admin), calibrating,
                     {"final_rating": 6, "potential": 9, "reason": "", "via": "box"})
    assert response.status_code == 400
    fields = re.search(r'<div id="move-fields" hx-swap-oob="innerHTML">.*?</div>\s*$', response.content.decode(),
                       re.S).group(0)
    assert 'id="move-potential-errors"' in fields and 'id="move-reason-errors"' in fields
    assert re.search(r'<option value="6" data-band="2" selected>', fields)
    review = Review.objects.get(pk=calibrating.pk)
    assert (review.calibrated_rating, review.potential) == (None, 2)


def test_a_calibrator_never_moves_their_own_review(org, web, calibrating):
    assert _post(web(org.employee), calibrating, {"final_rating": 6, "reason": "me"}).status_code == 404


def test_everything_is_locked_after_release(org, web, cycle):
    review = walk(org, cycle, "released")
    client = web(org.hr_admin)
    page = client.get(reverse("reviews:calibration", args=[review.cycle_id])).content.decode()
    assert 'class="calibrate-form"' not in page and 'class="box-move"' not in page
    assert 'draggable="true"' not in page and 'id="move-dialog"' not in page
    response = _post(client, review, {"final_rating": 2, "potential": 1, "reason": "too late", "via": "box"})
    assert response.status_code == 409
    html = response.content.decode()
    assert re.search(r'id="board-status".*?class="message error"', html, re.S)
    assert (Review.objects.get(pk=review.pk).final_rating, Review.objects.get(pk=review.pk).potential) == (4, 2)


def _grow(org, review, n):
    for i in range(n):
        person = PersonFactory(unit=org.platform, manager=org.manager, title="Engineer" if i % 2 else "Senior")
        other = Review.objects.create(cycle=review.cycle, person=person, manager=org.manager, unit=org.platform,
                                      state=Review.State.MANAGER_SUBMITTED, preliminary_rating=1 + i % 5,
                                      potential=1 + i % 3)
        request = FeedbackRequest.objects.create(review=other, respondent=org.peer, cycle=review.cycle,
                                                 group="peer", state=FeedbackRequest.State.SUBMITTED)
        request.answers = respondent_answers(request, rating=1 + i % 5)
        request.save(update_fields=["answers"])
        CalibrationChange.objects.create(review=other, by=org.hr_admin, from_rating=1, to_rating=2, reason="seed")


PAGE_QUERIES, ANSWER_QUERIES = 20, 33  # the answer runs the transition too (lock, checks, both logs)


def test_the_page_and_the_answer_cost_the_same_queries_at_two_sizes(org, web, calibrating,
                                                                     django_assert_max_num_queries):
    client = web(org.hr_admin)
    page = reverse("reviews:calibration", args=[calibrating.cycle_id])
    counts = []
    for i, more in enumerate((3, 40)):
        _grow(org, calibrating, more)
        client.get(page)  # caches warmed
        with django_assert_max_num_queries(PAGE_QUERIES) as on_page:
            assert client.get(page).status_code == 200
        with django_assert_max_num_queries(ANSWER_QUERIES) as on_answer:
            assert _post(client, calibrating, {"final_rating": 4 + i, "potential": 1 + i, "reason": "why",
                                               "via": "box"}).status_code == 200
        counts.append((len(on_page), len(on_answer)))
    assert counts[0] == counts[1], counts
