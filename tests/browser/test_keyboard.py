"""The keyboard alone: the alignment tree, a check-in form and the 9-box, with a visible focus ring."""

import re

import pytest

from okrs.models import Objective
from okrs.services.key_results import key_result_create
from tests.cycles.factories import ObjectiveFactory, make_cycle, walk

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, selector: str, limit: int = 80):
    """Press Tab until the focused element matches ``selector``; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_ring(page) -> str:
    return page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")


def test_the_alignment_tree_opens_and_follows_with_the_keyboard(org, visit):
    company = ObjectiveFactory(owner=org.ceo, unit=org.acme, level=Objective.Level.COMPANY, title="Win the market")
    ObjectiveFactory(owner=org.skip, unit=org.engineering, level=Objective.Level.UNIT, title="Ship faster",
                     parent_objective=company)
    employee = visit(org.employee, "keyboard-tree")
    employee.go("/goals/tree/")
    tab_to(employee.page, ".tree-toggle")
    assert focus_ring(employee.page) != "none", "the focused toggle shows no focus ring"
    employee.page.keyboard.press("Enter")
    employee.page.get_by_role("link", name="Ship faster").wait_for()
    assert employee.page.get_attribute(".tree-toggle", "aria-expanded") == "true"
    employee.check("tree opened")
    tab_to(employee.page, f"#tree-children-{company.pk} a.node-title")
    with employee.page.expect_navigation():
        employee.page.keyboard.press("Enter")
    assert re.search(r"/goals/objectives/\d+/$", employee.page.url)


def test_a_check_in_is_written_and_sent_with_the_keyboard(org, visit):
    goal = ObjectiveFactory(owner=org.employee, title="Grow the beta")
    kr = key_result_create(by=org.employee.user, objective=goal, title="Teams on the beta", target=10)
    employee = visit(org.employee, "keyboard-check-in")
    employee.go(f"/goals/key-results/{kr.pk}/")
    tab_to(employee.page, "input[name=value]")
    assert focus_ring(employee.page) != "none"
    employee.page.keyboard.press("Control+A")
    employee.page.keyboard.type("4")
    tab_to(employee.page, "input[name=confidence]")
    employee.page.keyboard.press("Control+A")
    employee.page.keyboard.type("8")
    with employee.page.expect_navigation():
        employee.page.keyboard.press("Enter")
    employee.check("check-in sent")
    kr.refresh_from_db()
    assert (kr.current, kr.confidence) == (4, 8)


def test_the_nine_box_is_reached_and_opened_with_the_keyboard(org, visit):
    ObjectiveFactory(owner=org.employee, title="Launch the mobile app")
    cycle = make_cycle(by=org.hr_admin, units=[org.acme])
    walk(org, cycle, "calibrated")
    hr = visit(org.hr_admin, "keyboard-nine-box")
    hr.go(f"/reviews/cycles/{cycle.pk}/calibration/")
    tab_to(hr.page, ".nine-box a")
    assert focus_ring(hr.page) != "none"
    name = hr.page.evaluate("() => document.activeElement.textContent")
    with hr.page.expect_navigation():
        hr.page.keyboard.press("Enter")
    assert "review=" in hr.page.url
    hr.check("nine-box opened")
    assert name in hr.page.locator("#evidence").inner_text()
