"""Each role's whole job, done by clicking from the home page, at a desktop's and a phone's width, in each language.

One journey is one review cycle from its creation to the acknowledged results: the HR admin creates it through
the form (the pickers for periods and units), launches it and moves every phase through its confirmation,
skips unfinished goals with a reason, reads late work counted as late on the cycle page and the dashboard,
calibrates, downloads the cycle report, starts a PDF batch; the employee submits goals, is refused an empty
self-review and then writes and submits it with respondents, reads the manager's reason for returning it,
answers a colleague's feedback request, reads the released results (the outcome first), acknowledges once and
downloads the summary; the manager agrees goals, returns the self-review with a reason, approves the
respondents, is refused a manager review without a rating and then submits one, plans, schedules and holds the
results conversation with agreed actions; the HR partner reaches the cycle, its dashboard and calibration, and
the documents, for their units only. Colleagues outside these four roles (the peer's own review, the
respondents' answers) act through the services.

Nobody types an address but the login page's and ``/``. After every step the page is checked (``roles.Role``):
its status, its ``<html lang>``, a way onward or back, no sideways scroll, no text clipped to nothing, no raw
field key, no script error or CSP refusal; and a screenshot is taken (``test-artifacts/browser/roles-…``).

Two journeys by default, so that every role and every language runs at both widths; ``ROLES_FULL_GRID=1`` runs
six, every role in every language at both widths.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cycles.models import ReviewCycle
from reviews.models import Conversation, FeedbackRequest, Review
from reviews.services import review_self_save
from tests.cycles.factories import ObjectiveFactory, current_quarter, nominate, respondent_answers, self_answers
from tests.documents.conftest import pdf_text
from workflows.runner import run_transition

from .roles import Role, pick

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ("hr", "employee", "manager", "partner")
LANGUAGES = ("en", "ru", "zh-hans")
SIZES = {1366: 900, 390: 844}
STEPS = ("goals", "self_review", "feedback", "manager_review", "calibration", "conversation")


def journeys() -> list[tuple[int, dict[str, str]]]:
    if os.environ.get("ROLES_FULL_GRID"):
        return [(width, {role: LANGUAGES[(i + shift) % 3] for i, role in enumerate(ROLES)})
                for width in SIZES for shift in range(3)]
    return [
        (1366, {"hr": "en", "employee": "ru", "manager": "zh-hans", "partner": "zh-hans"}),
        (390, {"hr": "ru", "employee": "zh-hans", "manager": "en", "partner": "en"}),
    ]


def journey_id(journey) -> str:
    width, languages = journey
    return f"{width}-" + "-".join(f"{role}:{language}" for role, language in languages.items())


@pytest.mark.parametrize("journey", journeys(), ids=journey_id)
def test_each_role_does_its_whole_job_by_clicking_from_the_home_page(org, visit, journey):
    width, languages = journey
    ObjectiveFactory(owner=org.employee, title="Launch the mobile app")
    ObjectiveFactory(owner=org.peer, title="Halve the build time")
    problems: list[str] = []
    name = f"Review {width} {languages['hr']}"

    def role(key, person):
        return Role(visit, person, role=key, language=languages[key], width=width, height=SIZES[width],
                    problems=problems)

    hr, employee = role("hr", org.hr_admin), role("employee", org.employee)
    manager, partner = role("manager", org.manager), role("partner", org.hr_partner)

    cycle = hr_creates_and_launches(hr, org, name)
    review = Review.objects.get(cycle=cycle, person=org.employee)
    review_url = reverse("reviews:review", args=[review.pk])
    peer_sets_goals(org, cycle)

    # Goal setting: the employee submits their goals, the manager agrees them.
    employee.home()
    employee.nav(reverse("reviews:mine"), "my reviews")
    employee.click(f"main .review-row h2 a[href='{review_url}']", "my review")
    employee.click("form[action$='/transitions/submit_goals/'] button", "goals submitted")
    manager.home()
    manager.nav(reverse("reviews:tasks"), "my tasks: goals to agree")
    manager.click(f"main .task a[href='{review_url}']", "the review to agree")
    manager.click("form[action$='/transitions/agree_goals/'] button", "goals agreed")
    assert Review.objects.get(pk=review.pk).state == Review.State.GOALS_AGREED, "the goals were not agreed"

    # HR opens the self-review; the goals not agreed are late, then skipped with a reason.
    hr_moves(hr, cycle, "start_tracking", "open_self_review")
    with hr.doing("goals late after the move"):
        counts = step_table(hr)
        assert counts["goals"] == {"done": 2, "open": 0, "late": 2, "skipped": 0}, counts["goals"]
    hr_skips(hr, cycle, "goals")
    with hr.doing("goals skipped"):
        counts = step_table(hr)
        assert counts["goals"] == {"done": 2, "open": 0, "late": 0, "skipped": 2}, counts["goals"]
    peer_writes_and_names(org, cycle)

    # The employee writes the self-review and names two respondents; the manager returns it with a reason.
    employee_writes_the_self_review(employee, org, review_url)
    manager.nav(reverse("reviews:team"), "my team")
    manager.click(f"main .team-row h2 a[href='{review_url}']", "the submitted self-review")
    reason = "Add the figures of the beta"
    with manager.doing("return the self-review"):
        manager.page.fill("#reason-return_self_review", reason)
    manager.click("form[action$='/transitions/return_self_review/'] button", "self-review returned")
    assert Review.objects.get(pk=review.pk).state == Review.State.SELF_REVIEW, "the return did not happen"
    employee.nav(reverse("reviews:tasks"), "my tasks: the returned self-review")
    employee.click(f"main .task a[href='{review_url}']", "the returned self-review")
    with employee.doing("read the return's reason"):
        assert reason in employee.text("#returned"), "the employee does not read the manager's reason"
    employee.click("form[action$='/self-review/'] button[name=submit]", "self-review submitted again")
    manager.nav(reverse("reviews:tasks"), "my tasks: respondents to approve")
    manager.click(f"main .task a[href='{review_url}']", "the respondents to approve")
    manager.click("form[action$='/transitions/approve_respondents/'] button", "respondents approved")
    assert Review.objects.get(pk=review.pk).state == Review.State.RESPONDENTS_APPROVED

    # Feedback: the employee answers the peer's request; the employee's respondents answer theirs.
    hr_moves(hr, cycle, "open_feedback")
    respondents_answer(review)
    employee_answers_a_request(employee, org, cycle)

    # The manager review: self-reviews never written are late, not submitted.
    hr_moves(hr, cycle, "open_manager_review")
    with hr.doing("self-reviews late, not done"):
        counts = step_table(hr)
        assert counts["self_review"] == {"done": 2, "open": 0, "late": 2, "skipped": 0}, counts["self_review"]
    hr.click("main .header-actions a[href$='/dashboard/']", "dashboard: late work")
    with hr.doing("dashboard: late work"):
        figures = dashboard_figures(hr)
        assert figures["self_review"][:2] == (2, 4), figures
        assert figures["self_review"][2] == 2, f"the dashboard does not count 2 late self-reviews: {figures}"
    manager_writes_the_review(manager, review_url)

    # Calibration: HR changes the rating with a reason; the HR partner reaches their units' pages.
    hr_moves(hr, cycle, "start_calibration")
    hr.click("main .header-actions a[href$='/calibration/']", "calibration")
    with hr.doing("calibrate"):
        row = hr.page.locator(f"#review-{review.pk}")
        row.locator("select[name=final_rating]").select_option("5")
        row.locator("input[name=reason]").fill("Carried the launch for two teams")
    # The board changes the rating in place: the change log beside it shows the change.
    hr.click_in_place(row.locator("button[type=submit]"), "calibrated",
                      until="#calibration-log .change-reason:has-text('Carried the launch for two teams')")
    assert Review.objects.get(pk=review.pk).calibrated_rating == 5, "the calibration was not saved"
    partner_reaches_their_pages(partner, org, cycle)

    # Release; the cycle report and a PDF batch.
    hr_moves(hr, cycle, "release_results")
    report = pdf_text(hr.download("main .header-actions a[href$='/report.pdf']", "cycle report"))
    with hr.doing("the cycle report"):
        assert name in report, "the cycle report does not name the cycle"
    hr_starts_a_batch(hr, cycle)

    # The results conversation; the employee reads the outcome first and acknowledges once.
    manager_holds_the_conversation(manager, review)
    employee_reads_and_acknowledges(employee, org, review, review_url)

    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


# HR admin.
def hr_creates_and_launches(hr: Role, org, name: str) -> ReviewCycle:
    hr.home()
    hr.nav(reverse("cycles:list"), "cycles")
    hr.click(f"main a[href='{reverse('cycles:new')}']", "new cycle")
    page = hr.page
    with hr.doing("a cycle without periods or units"):
        page.fill("#id_name", name)
    hr.click("form.cycle-form button[type=submit]", "refused: no periods, no units", status=400)
    with hr.doing("refused: no periods, no units"):
        assert page.locator("#refusal").is_visible(), "no summary of what is wrong"
    with hr.doing("fill the cycle form"):
        period = current_quarter().code
        pick(page, "id_periods", period, period)
        pick(page, "id_participant_units", "Platf", org.platform.path)
        pick(page, "id_participant_units", "Sal", org.sales.path)
        page.fill("#id_anonymity_threshold", "2")
        page.fill("#id_min_respondents", "2")
        page.fill("#id_max_respondents", "3")
        today = timezone.localdate()
        for days, phase in enumerate(ReviewCycle.PHASES, start=1):
            page.fill(f"#id_deadline_{phase}", (today + dt.timedelta(days=10 * days)).isoformat())
        hr.check("the cycle form filled", status=400)
    hr.click("form.cycle-form button[type=submit]", "cycle saved")
    cycle = ReviewCycle.objects.get(name=name)
    assert set(cycle.participant_units.all()) == {org.platform, org.sales}, "the pickers' units were not saved"
    hr.click(f"main a[href='{transition_url(cycle, 'launch')}']", "launch: what it will do")
    with hr.doing("launch: what it will do"):
        assert "4" in hr.text(".move-facts"), "the launch does not say it creates 4 reviews"
    hr.click("main form[method=post] button.primary", "launched")
    assert Review.objects.filter(cycle=cycle).count() == 4, "the launch made no reviews"
    return cycle


def hr_moves(hr: Role, cycle: ReviewCycle, *names: str) -> None:
    """Each phase move from the cycle page, through its confirmation."""
    detail = reverse("cycles:detail", args=[cycle.pk])
    if not hr.page.url.endswith(detail):
        hr.nav(reverse("cycles:list"), "cycles")
        hr.click(f"main a[href='{detail}']", "the cycle")
    for name in names:
        hr.click(f"main a[href='{transition_url(cycle, name)}']", f"{name}: what it will do")
        hr.click("main form[method=post] button.primary", f"{name} done")
        with hr.doing(f"{name} done"):
            assert ReviewCycle.objects.get(pk=cycle.pk).state != cycle.state, f"{name} did not move the cycle"
            cycle.refresh_from_db()


def hr_skips(hr: Role, cycle: ReviewCycle, step: str) -> None:
    hr.click(f"main a[href='{transition_url(cycle, 'skip_unfinished')}']", "skip unfinished work")
    with hr.doing("choose the step to skip"):
        hr.page.select_option("#move-step", step)
    hr.click("form[method=get] button", "skip: what it closes")
    with hr.doing("skip without a reason"):
        hr.page.fill("#move-reason", "   ")  # the browser's own check lets spaces through
    hr.click("main form[method=post] button.primary", "skip refused: a reason is needed", status=400)
    with hr.doing("skip with a reason"):
        hr.page.fill("#move-reason", "Joined too late to set goals")
    hr.click("main form[method=post] button.primary", "skipped")


def hr_starts_a_batch(hr: Role, cycle: ReviewCycle) -> None:
    hr.nav(reverse("documents:index"), "documents")
    hr.click(f"main a[href='{reverse('documents:batches')}']", "start a batch")
    with hr.doing("choose the cycle"):
        hr.page.select_option("#id_cycle", str(cycle.pk))
    hr.click("main form button[type=submit]", "batch started")
    with hr.doing("batch done"):
        hr.page.locator("#batch-progress a[href$='/summaries.zip']").wait_for()
        bar = hr.page.locator("#batch-progress progress")
        assert (bar.get_attribute("value"), bar.get_attribute("max")) == ("4", "4"), "not 4 of 4 summaries"
        hr.check("batch done")
    archive = zipfile.ZipFile(io.BytesIO(hr.download("#batch-progress a[href$='/summaries.zip']", "the ZIP")))
    with hr.doing("the ZIP"):
        assert len([n for n in archive.namelist() if n.endswith(".pdf")]) == 4, archive.namelist()


def step_table(role: Role) -> dict[str, dict[str, int]]:
    """The cycle page's work per step: {step: {done, open, late, skipped}}."""
    rows = role.page.locator("section[aria-labelledby=steps-title] tbody tr")
    out = {}
    for step, row in zip(STEPS, rows.all(), strict=True):
        cells = [int(c) for c in row.locator("td").all_inner_texts()]
        out[step] = dict(zip(("done", "open", "late", "skipped"), cells, strict=True))
    return out


def dashboard_figures(role: Role) -> dict[str, tuple[int, int, int]]:
    """The dashboard's completion per step: {step: (done, total, late)}."""
    section = role.page.locator("section[aria-labelledby=phases-title]")
    texts = section.evaluate("""s => [...s.querySelectorAll('.progress-row')].map(row => {
        let late = 0;
        const next = row.nextElementSibling;
        if (next && next.classList.contains('step-counts')) {
            const badge = next.querySelector('.badge.late');
            if (badge) late = parseInt(badge.textContent.match(/\\d+/)[0], 10);
        }
        return [row.innerText, late];
    })""")
    out = {}
    for step, (text, late) in zip(STEPS, texts, strict=True):
        done, total = re.search(r"\((\d+)/(\d+)\)", text).groups()
        out[step] = (int(done), int(total), late)
    return out


# Employee.
def employee_writes_the_self_review(employee: Role, org, review_url: str) -> None:
    employee.nav(reverse("reviews:tasks"), "my tasks: the self-review")
    employee.click(f"main .task a[href='{review_url}']", "the self-review to write")
    employee.click("form[action$='/self-review/'] button[name=submit]", "refused: nothing written", status=400)
    with employee.doing("refused: nothing written"):
        assert employee.page.locator(".field.answer.invalid").count() >= 4, "the missing answers are not marked"
    with employee.doing("write the self-review"):
        for area in employee.page.locator("form.draft-form textarea[name$='-text']").all():
            area.fill("Shipped the beta to three teams")
    for person in (org.peer, org.outsider):
        with employee.doing(f"name {person.full_name}"):
            page = employee.page
            page.fill("#respondent-q", person.full_name.split()[0])
            page.locator("#respondent-choices input[type=radio]").first.wait_for()
            page.locator("#respondent-choices label", has_text=person.full_name).locator("input").check()
            page.select_option("#nominate select[name=group]", "peer")
            page.locator("#nominate-goals input[type=checkbox]").first.check()
        employee.click("#nominate button[type=submit]", f"named {person.full_name}")
    employee.click("form[action$='/self-review/'] button[name=submit]", "self-review submitted")
    with employee.doing("self-review submitted"):
        review = Review.objects.get(person=org.employee, state=Review.State.SELF_SUBMITTED)
        assert FeedbackRequest.objects.filter(review=review).count() == 2, "the two respondents were not named"


def employee_answers_a_request(employee: Role, org, cycle: ReviewCycle) -> None:
    request = FeedbackRequest.objects.get(review__cycle=cycle, review__person=org.peer, respondent=org.employee)
    employee.nav(reverse("reviews:tasks"), "my tasks: feedback to give")
    employee.click(f"main .task a[href='{reverse('reviews:request', args=[request.pk])}']", "the feedback request")
    with employee.doing("answer the request"):
        page = employee.page
        for scale in page.locator("form.draft-form fieldset.scale").all():
            scale.locator("input[type=radio]").nth(3).check()
        for area in page.locator("form.draft-form textarea").all():
            area.fill("Cut the build time in half")
    employee.click("form.draft-form button[name=submit]", "feedback sent")
    assert FeedbackRequest.objects.get(pk=request.pk).state == FeedbackRequest.State.SUBMITTED


def employee_reads_and_acknowledges(employee: Role, org, review: Review, review_url: str) -> None:
    employee.nav(reverse("reviews:mine"), "my reviews: results released")
    employee.click(f"main .review-row-links a[href='{review_url}']", "the results")
    page = employee.page
    with employee.doing("the outcome first"):
        first = page.locator("main section.card").first
        assert first.get_attribute("id") == "outcome", "the released results do not open with the outcome"
        with translation.override(employee.language):
            label = str(review.cycle.final_scale.levels.get(value=5).label)
        assert label in first.inner_text(), f"the outcome does not show the final rating {label!r}"
        assert "Carried the launch for two teams" in first.inner_text(), "the calibration's reason is missing"
        actions = page.locator("#conversation .agreed-actions li").all_inner_texts()
        assert actions == ["Pair with the platform team", "Lead the next launch"], actions
        assert page.locator("main form[action*='acknowledge'] button").count() == 1, "not one acknowledgement"
    employee.click("main form[action*='acknowledge'] button", "acknowledged")
    with employee.doing("acknowledged"):
        assert page.locator("main form[action*='acknowledge'] button").count() == 0, "still asked to acknowledge"
        assert Review.objects.get(pk=review.pk).state == Review.State.ACKNOWLEDGED
    employee.nav(reverse("reviews:mine"), "my reviews: acknowledged")
    summary = reverse("documents:review_summary", args=[review.pk])
    text = pdf_text(employee.download(f"main a[href='{summary}']", "my summary (PDF)"))
    with employee.doing("my summary (PDF)"):
        assert org.employee.full_name in text and "Pair with the platform team" in text, text[:300]


# Manager.
def manager_writes_the_review(manager: Role, review_url: str) -> None:
    manager.nav(reverse("reviews:team"), "my team: the manager review")
    manager.click(f"main .team-row h2 a[href='{review_url}']", "the manager review to write")
    page = manager.page
    with manager.doing("write without a rating"):
        for area in page.locator("#manager-review form textarea[name$='-text']").all():
            area.fill("A solid half year: the beta shipped on time")
    manager.click("#manager-review button[name=submit]", "refused: no rating", status=400)
    with manager.doing("rate"):
        page.select_option("#final-rating", "4")
        page.select_option("#potential", "2")
    manager.click("#manager-review button[name=submit]", "manager review submitted")
    with manager.doing("manager review submitted"):
        written = Review.objects.get(manager__user__email="manager@example.com",
                                     person__user__email="employee@example.com",
                                     cycle__state=ReviewCycle.State.MANAGER_REVIEW)
        assert written.state == Review.State.MANAGER_SUBMITTED


def manager_holds_the_conversation(manager: Role, review: Review) -> None:
    manager.nav(reverse("reviews:team"), "my team: results released")
    manager.click("main .team-row form[action$='/conversation/'] button", "conversation planned")
    conversation = Conversation.objects.get(review=review)
    with manager.doing("schedule"):
        tomorrow = timezone.localtime() + dt.timedelta(days=1)
        manager.page.fill("#id_at", tomorrow.strftime("%Y-%m-%dT10:00"))
    manager.click("form[action$='/transitions/schedule/'] button", "conversation scheduled")
    assert Conversation.objects.get(pk=conversation.pk).state == Conversation.State.SCHEDULED
    # The day comes: a conversation is marked held only once its time has passed.
    Conversation.objects.filter(pk=conversation.pk).update(scheduled_at=timezone.now() - dt.timedelta(hours=1))
    manager.nav(reverse("reviews:team"), "my team: the conversation to hold")
    url = reverse("reviews:conversation", args=[conversation.pk])
    manager.click(f"main .team-row a[href='{url}']", "the conversation")
    with manager.doing("notes and agreed actions"):
        page = manager.page
        page.fill("#notes", "We went through the goals and the feedback")
        page.fill("#actions", "Pair with the platform team\nLead the next launch")
        page.fill("#private_notes", "Ready for a bigger scope")
    manager.click("form[action$='/save/'] button", "notes saved")
    manager.click("form[action$='/transitions/hold/'] button", "conversation held")
    with manager.doing("conversation held"):
        assert Conversation.objects.get(pk=conversation.pk).state == Conversation.State.HELD
        assert manager.page.locator("#agreed-actions li").count() == 2, "the agreed actions are not shown"


# HR partner.
def partner_reaches_their_pages(partner: Role, org, cycle: ReviewCycle) -> None:
    partner.home()
    partner.nav(reverse("cycles:list"), "cycles")
    partner.click(f"main a[href='{reverse('cycles:detail', args=[cycle.pk])}']", "the cycle")
    with partner.doing("the cycle"):
        assert not partner.page.locator("main a[href*='/transitions/']").count(), "the partner is offered HR's moves"
    partner.click("main .header-actions a[href$='/dashboard/']", "dashboard")
    with partner.doing("dashboard: their units"):
        figures = dashboard_figures(partner)
        assert figures["goals"][1] == 3, f"the partner's dashboard counts other units' reviews: {figures}"
    partner.click("main nav.tabs a[href$='/calibration/']", "calibration")
    with partner.doing("calibration: their units"):
        text = partner.text("section:has(#reviews-title) table tbody")
        assert org.employee.full_name in text and org.outsider.full_name not in text, text
    partner.nav(reverse("documents:index"), "documents")
    with partner.doing("documents"):
        assert partner.page.locator(f"main a[href='{reverse('documents:cycle_report', args=[cycle.pk])}']").count()


# Colleagues outside the four roles act through the services.
def peer_sets_goals(org, cycle: ReviewCycle) -> None:
    review = Review.objects.get(cycle=cycle, person=org.peer)
    run_transition(review, "submit_goals", by=org.peer.user)
    run_transition(Review.objects.get(pk=review.pk), "agree_goals", by=org.manager.user)


def peer_writes_and_names(org, cycle: ReviewCycle) -> None:
    review = Review.objects.get(cycle=cycle, person=org.peer)
    review_self_save(review=review, by=org.peer.user, answers=self_answers(review))
    nominate(review, org.employee, org.outsider)
    run_transition(Review.objects.get(pk=review.pk), "submit_self_review", by=org.peer.user)
    run_transition(Review.objects.get(pk=review.pk), "approve_respondents", by=org.manager.user)


def respondents_answer(review: Review) -> None:
    for request in FeedbackRequest.objects.filter(review=review, state=FeedbackRequest.State.APPROVED):
        request.answers = respondent_answers(request)
        request.save(update_fields=["answers"])
        run_transition(request, "submit", by=request.respondent.user)


def transition_url(cycle: ReviewCycle, name: str) -> str:
    return reverse("cycles:transition", args=[cycle.pk, name])
