"""The whole review journey in a real browser, each step by the person who owns it."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from okrs.services.key_results import key_result_create
from reviews.models import Conversation, FeedbackRequest, Review
from tests.cycles.factories import ObjectiveFactory, make_cycle
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def click(page, name, role="button"):
    """Click a button or link that loads a page, and wait for that page."""
    with page.expect_navigation():
        page.get_by_role(role, name=re.compile(name, re.I)).first.click()
    page.wait_for_load_state()


def test_a_review_cycle_from_launch_to_the_acknowledged_pdf(org, visit):
    goal = ObjectiveFactory(owner=org.employee, title="Launch the mobile app")
    kr = key_result_create(by=org.employee.user, objective=goal, title="Weekly active users", target=1000,
                           unit_label="users")
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], name="Autumn review", anonymity="named")

    hr = visit(org.hr_admin, "hr")
    phase(hr, cycle, "launch")
    assert Review.objects.filter(cycle=cycle, person=org.employee).exists()

    employee = visit(org.employee, "employee")
    employee.go(f"/goals/key-results/{kr.pk}/")
    employee.page.get_by_role("spinbutton", name=re.compile("^value", re.I)).fill("420")
    employee.page.get_by_role("spinbutton", name=re.compile("^confidence", re.I)).fill("7")
    employee.page.get_by_label(re.compile("^note", re.I)).fill("Beta opened to the first teams")
    click(employee.page, "save check-in")
    employee.check("checked in")
    kr.refresh_from_db()
    assert kr.current == 420

    # Goals are agreed, then HR opens the self-review.
    review = Review.objects.get(cycle=cycle, person=org.employee)
    url = f"/reviews/{review.pk}/"
    employee.go(url)
    click(employee.page, "submit goals")
    manager = visit(org.manager, "manager")
    manager.go(url)
    click(manager.page, "agree")
    manager.check("goals agreed")
    phase(hr, cycle, "start tracking", "open self-review")

    # The employee writes the self-review and names two respondents on the goal.
    employee.go("/reviews/tasks/")
    click(employee.page, "your review|self-review", role="link")
    employee.check("self-review")
    write_answers(employee.page, "Shipped the beta to three teams")
    for person, group in ((org.peer, "peer"), (org.outsider, "customer")):
        name_respondent(employee.page, person, group, goal.title)
        employee.check(f"named {group}")
    click(employee.page, "submit (the )?self-review")
    employee.check("self-review submitted")
    assert Review.objects.get(pk=review.pk).state == "self_submitted"

    # The manager approves the respondents; each respondent answers.
    manager.go(url)
    click(manager.page, "approve respondents")
    manager.check("respondents approved")
    phase(hr, cycle, "open feedback")
    for person, name in ((org.peer, "peer"), (org.outsider, "outsider")):
        respondent = visit(person, name)
        respondent.go("/reviews/tasks/")
        request = FeedbackRequest.objects.get(review=review, respondent=person)
        respondent.page.locator(f"a[href$='/reviews/requests/{request.pk}/']").first.click()
        respondent.check("feedback request")
        write_answers(respondent.page, f"Feedback from {person.full_name}", rating_index=-2)
        click(respondent.page, "send feedback")
        respondent.check("feedback sent")
        assert FeedbackRequest.objects.get(pk=request.pk).state == "submitted"

    # The manager reviews; HR calibrates and releases.
    phase(hr, cycle, "open manager review")
    manager.go(url)
    assert "Feedback from Pia Peer" in manager.page.content()
    write_answers(manager.page, "A solid quarter", rating_index=-2)
    manager.page.get_by_label(re.compile("final rating", re.I)).select_option(index=3)
    manager.page.get_by_label(re.compile("potential", re.I)).select_option(index=2)
    click(manager.page, "submit (the )?manager review")
    manager.check("manager review submitted")
    assert Review.objects.get(pk=review.pk).state == "manager_submitted"
    phase(hr, cycle, "start calibration")
    hr.go(f"/reviews/cycles/{cycle.pk}/calibration/")
    row = hr.page.locator("tr", has_text=org.employee.full_name)
    row.locator("select").first.select_option(index=4)
    row.locator("input[name=reason]").fill("Carried the launch")
    row.get_by_role("button", name=re.compile("change", re.I)).click()
    # The board changes the rating in place; the change log beside it shows the change once it is saved.
    hr.page.locator("#calibration-log .change-reason", has_text="Carried the launch").first.wait_for()
    hr.check("calibrated")
    assert Review.objects.get(pk=review.pk).state == "calibrated"
    phase(hr, cycle, "release results")

    # The results conversation: planned, scheduled, held with a private note, acknowledged by both.
    manager.go(url)
    click(manager.page, "plan the results conversation")
    manager.check("conversation planned")
    manager.page.locator("input[name=at]").fill("2030-01-15T10:00")
    click(manager.page, "schedule")
    manager.check("conversation scheduled")
    # The day comes: a conversation is marked held only once its time has passed.
    Conversation.objects.filter(review__cycle=cycle).update(scheduled_at=timezone.now() - timedelta(hours=1))
    manager.page.reload()
    manager.page.locator("textarea[name=notes]").fill("We agreed on a mentoring plan")
    manager.page.locator("textarea[name=private_notes]").fill("Flight risk, watch closely")
    click(manager.page, "^save")
    click(manager.page, "hold|held")
    manager.check("conversation held")
    click(manager.page, "acknowledge")
    manager.check("manager acknowledged")

    employee.go(url)
    assert "A solid quarter" in employee.page.content()
    assert "Flight risk" not in employee.page.content()
    employee.page.get_by_role("link", name=re.compile("open the conversation", re.I)).click()
    employee.check("conversation")
    assert "We agreed on a mentoring plan" in employee.page.content()
    assert "Flight risk" not in employee.page.content()
    click(employee.page, "acknowledge")
    employee.check("acknowledged")
    assert Review.objects.get(pk=review.pk).state == "acknowledged"

    # The employee downloads the summary: their copy, without the manager's private note.
    employee.go(url)
    with employee.page.expect_download() as download:
        employee.page.get_by_role("link", name=re.compile("pdf", re.I)).first.click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert org.employee.full_name in text and "A solid quarter" in text and "mentoring plan" in text
    assert "Flight risk" not in text


def phase(hr, cycle, *labels):
    """Each phase move as HR makes it: the cycle page's link opens what the step will do, then HR confirms."""
    for label in labels:
        hr.go(f"/cycles/{cycle.pk}/")
        click(hr.page, f"^{label}", role="link")
        hr.check(f"{label}: what it will do")
        click(hr.page, "^confirm")
        hr.check(label)


def write_answers(page, text, rating_index=None):
    """Fill every open answer on the page and pick a level on every scale."""
    for area in page.locator("form textarea[name$='-text']").all():
        area.fill(text)
    if rating_index is not None:
        for scale in page.locator("fieldset.scale").all():
            scale.locator("input[type=radio]").nth(rating_index).check()


def name_respondent(page, person, group, goal_title):
    page.get_by_label(re.compile("find a colleague", re.I)).fill(person.full_name.split()[0])
    page.get_by_role("radio", name=re.compile(person.full_name)).check()
    page.locator("#nominate select[name=group]").select_option(group)
    page.locator("#nominate").get_by_label(goal_title).check()
    click(page, "add respondent")
