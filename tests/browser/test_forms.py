"""Forms that help, in a real browser: the searchable pickers used from the keyboard alone, a refused form coming
back with what was chosen and typed, the focus on the summary, each message beside its field (axe-checked)."""

import re

import pytest

from cycles.models import ReviewCycle
from reviews.models import CalibrationSession, Review
from tests.cycles.factories import ObjectiveFactory, advance, make_cycle, walk

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cycle(org):
    ObjectiveFactory(owner=org.employee, title="Launch the mobile app")
    return make_cycle(by=org.hr_admin, units=[org.acme])


def refused(visitor) -> None:
    """The page answered 400 on purpose: the browser's note of that status is no script error."""
    visitor.errors[:] = [e for e in visitor.errors if "status of 400" not in e]


def chips(page, field: str) -> list[str]:
    return page.eval_on_selector_all(f"#{field}-select option:checked", "options => options.map(o => o.textContent)")


def test_hr_picks_periods_and_units_with_the_keyboard_and_a_refusal_keeps_them(org, visit):
    make_cycle(by=org.hr_admin, units=[org.acme], name="Spring review")
    hr = visit(org.hr_admin, "forms-cycle")
    hr.go("/cycles/new/")
    page = hr.page
    page.fill("#id_name", "spring REVIEW")  # taken, case aside
    page.focus("#id_periods")
    page.keyboard.type(page.eval_on_selector("#id_periods-select option", "o => o.textContent"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.focus("#id_participant_units")
    page.keyboard.type("platf")
    assert page.get_attribute("#id_participant_units", "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert chips(page, "id_participant_units") == [org.platform.path]
    page.keyboard.press("Escape")
    page.fill("#id_deadline_self_review", "2030-03-01")
    page.fill("#id_deadline_manager_review", "2030-02-01")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^save$", re.I)).click()
    refused(hr)
    hr.check("refused")
    assert page.evaluate("document.activeElement.id") == "refusal"  # focus on the summary
    summary = page.inner_text("#refusal")
    assert "already exists" in summary and "deadlines follow the order" in summary
    assert chips(page, "id_participant_units") == [org.platform.path]  # kept
    assert page.input_value("#id_name") == "spring REVIEW"
    # The summary's link takes the keyboard to the field.
    page.get_by_role("link", name=re.compile("Manager review")).click()
    assert page.evaluate("document.activeElement.id") == "id_deadline_manager_review"
    assert ReviewCycle.objects.count() == 1


def test_hr_adds_a_manager_to_a_calibration_session_by_searching(org, visit, cycle):
    review = walk(org, cycle, "manager_submitted")
    advance(review.cycle, "start_calibration", by=org.hr_admin)
    hr = visit(org.hr_admin, "forms-session")
    hr.go(f"/reviews/cycles/{review.cycle_id}/calibration/sessions/")
    page = hr.page
    page.fill("#id_name", "Platform")
    page.focus("#id_units")
    page.keyboard.type("platf")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.focus("#id_participants")
    page.keyboard.type("Sam S")
    page.locator("#id_participants-list [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert chips(page, "id_participants") == ["Sam Skip"]
    hr.check("session filled")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("create session", re.I)).click()
    session = CalibrationSession.objects.get()
    assert list(session.participants.all()) == [org.skip] and list(session.units.all()) == [org.platform]


def test_a_return_without_a_reason_is_said_beside_it_and_the_employee_reads_the_reason(org, visit, cycle):
    review = walk(org, cycle, "self_submitted")
    manager = visit(org.manager, "forms-return")
    manager.go(f"/reviews/{review.pk}/")
    page = manager.page
    page.fill("#reason-return_self_review", "   ")  # the browser's own check lets spaces through
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("return self-review", re.I)).click()
    refused(manager)
    manager.check("return refused")
    assert page.get_attribute("#reason-return_self_review", "aria-invalid") == "true"
    assert "Give a reason" in page.inner_text("#reason-return_self_review-errors")
    page.fill("#reason-return_self_review", "Add the launch figures")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("return self-review", re.I)).click()
    assert Review.objects.get(pk=review.pk).state == "self_review"
    employee = visit(org.employee, "forms-returned")
    employee.go(f"/reviews/{review.pk}/")
    assert "Add the launch figures" in employee.page.inner_text("#returned")
