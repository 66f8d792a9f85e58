"""The calibration board in Chromium: a rating changed in place (no reload), a refused one kept beside its
field, a person moved across the 9-box with the keyboard alone (the histogram follows), nothing to move after
release; screenshots at 1366 and 390 px wide."""

import pytest

from reviews.models import Review
from tests.cycles.factories import ObjectiveFactory, advance, make_cycle, walk

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cycle(org):
    ObjectiveFactory(owner=org.employee, title="Launch the mobile app")
    return make_cycle(by=org.hr_admin, units=[org.acme])


@pytest.fixture
def calibrating(org, cycle):
    review = walk(org, cycle, "manager_submitted")  # preliminary 3, potential 2: the middle box
    advance(review.cycle, "start_calibration", by=org.hr_admin)
    return Review.objects.get(pk=review.pk)


def _no_refusal_noise(hr, status):
    hr.errors[:] = [e for e in hr.errors if f"status of {status}" not in e]


def test_the_board_changes_in_place_and_moves_by_keyboard(org, visit, calibrating):
    hr = visit(org.hr_admin, "calibration-board")
    hr.go(f"/reviews/cycles/{calibrating.cycle_id}/calibration/?level=")
    page = hr.page
    page.evaluate("() => { window.notReloaded = true; }")
    row = page.locator(f"#review-{calibrating.pk}")

    # A refused change: the reason is blank (spaces pass the browser's own check), the input stays.
    row.locator("select[name=final_rating]").select_option("5")
    row.locator("input[name=reason]").fill("   ")
    row.locator("button[type=submit]").click()
    page.locator(f"#reason-{calibrating.pk}-errors").wait_for()
    _no_refusal_noise(hr, 400)
    assert page.locator(f"#rating-{calibrating.pk}").input_value() == "5"
    page.wait_for_function(f"() => document.activeElement.id === 'reason-{calibrating.pk}'")
    hr.check("refused beside the field")

    # The change in place: the row, the histogram and the log follow, no reload.
    page.locator(f"#reason-{calibrating.pk}").fill("Carried the launch")
    page.locator(f"#change-{calibrating.pk}").click()
    page.locator("#calibration-log li", has_text="Carried the launch").wait_for()
    assert page.evaluate("() => window.notReloaded === true")
    assert page.locator(f"#review-{calibrating.pk} .final-rating strong").inner_text() == "5"
    assert page.locator("#calibration-histogram tr[data-rating='5'] .count").inner_text() == "1"
    hr.check("changed in place")

    # The 9-box by keyboard: focus the person's move button, up one box (potential), Enter, a reason, Enter.
    page.locator(f".box-person[data-review='{calibrating.pk}'] .box-move").focus()
    page.keyboard.press("ArrowUp")
    assert page.locator(".nine-box td.drop-target").get_attribute("data-potential") == "2"
    page.keyboard.press("Enter")
    dialog = page.locator("#move-dialog")
    dialog.wait_for(state="visible")
    assert page.locator("#move-potential").input_value() == "3"
    hr.shot("move dialog")
    page.keyboard.type("Ready to lead a team")
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    page.locator(f"#calibration-nine-box td.box-22 .box-person[data-review='{calibrating.pk}']").wait_for()
    review = Review.objects.get(pk=calibrating.pk)
    assert (review.final_rating, review.potential) == (5, 3)
    assert page.evaluate("() => window.notReloaded === true")
    page.wait_for_function("() => document.activeElement.classList.contains('box-move')")
    # Then a move to another rating: left, Enter; the histogram moves the person from 5 to a middle rating.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    dialog.wait_for(state="visible")
    page.keyboard.type("Calibrated against the unit")
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    page.locator("#calibration-log li", has_text="Calibrated against the unit").wait_for()
    assert page.locator("#calibration-histogram tr[data-rating='5'] .count").inner_text() == "0"
    assert Review.objects.get(pk=calibrating.pk).final_rating == 4
    hr.check("moved by keyboard")

    for width, label in ((1366, "wide"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        hr.shot(f"board {label}")


def test_nothing_moves_after_release(org, visit, cycle):
    review = walk(org, cycle, "released")
    hr = visit(org.hr_admin, "calibration-locked")
    hr.go(f"/reviews/cycles/{review.cycle_id}/calibration/")
    assert hr.page.locator(".calibrate-form, .box-move, #move-dialog, [draggable=true]").count() == 0
    assert "ratings are locked" in hr.page.locator("main").inner_text()
