"""A phase move never completes a step on someone's behalf: unfinished work stays its owner's, late, and no count,
export or document calls it done; HR closes a step for everyone left only explicitly, with a reason, as skipped."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from documents.reports import cycle_report_context
from reviews.models import FeedbackRequest, Review
from reviews.selectors.dashboard import completion
from reviews.selectors.moves import move_preview
from reviews.selectors.progress import cycle_progress
from reviews.services import review_self_save
from tests.cycles.factories import advance, nominate, review_of, self_answers, walk
from workflows.errors import TransitionConflict
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


def _to_manager_review(org, cycle):
    advance(cycle, "launch", "open_self_review", "open_feedback", "open_manager_review", by=org.hr_admin)
    cycle.refresh_from_db()
    return cycle


def test_an_unwritten_self_review_is_still_its_authors_after_the_manager_review_opens(org, cycle):
    cycle = _to_manager_review(org, cycle)
    review = review_of(cycle, org.employee)
    assert review.state == "self_review"  # not "respondents approved": nobody approved anything
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    nominate(review, org.peer, org.outsider)
    review = run_transition(review, "submit_self_review", by=org.employee.user)
    assert review.state == "self_submitted"
    review = run_transition(review, "approve_respondents", by=org.manager.user)
    assert review.state == "respondents_approved"  # and the manager can now write, late


def test_no_count_export_or_document_calls_the_unwritten_self_review_submitted(org, cycle, web):
    cycle = _to_manager_review(org, cycle)
    total = Review.objects.filter(cycle=cycle).count()
    progress = cycle_progress(cycle, org.hr_admin.user)
    assert progress["steps"]["self_review"] == {"done": 0, "open": 0, "late": total, "skipped": 0}
    phases = {p["phase"]: p for p in completion(cycle, org.hr_admin.user)["phases"]}
    assert (phases["self_review"]["done"], phases["self_review"]["late"]) == (0, total)
    report = cycle_report_context(org.hr_admin.user, cycle)
    assert report["self_done"] == 0
    assert {row["label"]: row["late"] for row in report["steps"]}["Self-reviews submitted"] == total
    export = web(org.hr_admin).get(reverse("reviews:dashboard_export", args=[cycle.pk, "csv"]))
    body = export.content.decode("utf-8-sig")
    states = {row["State"] for row in csv.DictReader(io.StringIO(body))}
    assert states == {"Self-review"}
    api = web(org.hr_admin).get(f"/api/cycles/{cycle.pk}/progress/").json()
    assert api["steps"]["self_review"]["late"] == total and api["steps"]["self_review"]["done"] == 0


def test_skipping_needs_a_reason_and_shows_as_skipped_never_as_submitted(org, cycle, api):
    cycle = _to_manager_review(org, cycle)
    url = f"/api/cycles/{cycle.pk}/transitions/skip_unfinished/"
    refused = api(org.hr_admin).post(url, {"step": "self_review"}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    assert api(org.hr_admin).post(url, {"step": "lunch", "reason": "x"}, format="json").status_code == 400
    done = api(org.hr_admin).post(url, {"step": "self_review", "reason": "the deadline passed"}, format="json")
    assert done.status_code == 200
    review = review_of(cycle, org.employee)
    assert review.state == "self_submitted" and review.skipped_steps == ["self_review"]
    total = Review.objects.filter(cycle=cycle).count()
    progress = cycle_progress(cycle, org.hr_admin.user)
    assert progress["steps"]["self_review"] == {"done": 0, "open": 0, "late": 0, "skipped": total}
    data = api(org.employee).get(f"/api/reviews/{review.pk}/").json()
    assert data["skipped"] == ["self_review"]


def test_release_freezes_open_feedback_as_skipped_and_leaves_unsubmitted_reviews_unreleased(org, cycle):
    review = walk(org, cycle, "respondents_approved")
    [late_request] = nominate(review, org.hr_partner)
    run_transition(late_request, "approve", by=org.manager.user)
    cycle.refresh_from_db()
    advance(cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    from reviews.services import review_manager_save
    question = review.cycle.template.questions.get(author="manager")
    review_manager_save(review=review, by=org.manager.user, answers=[{"question": question.pk, "text": "Fine"}],
                        final_rating=3, potential=2)
    run_transition(review, "submit_manager_review", by=org.manager.user)
    cycle.refresh_from_db()
    advance(cycle, "start_calibration", "release_results", by=org.hr_admin)
    late_request.refresh_from_db()
    assert (late_request.state, late_request.skipped) == ("cancelled", True)
    assert review_of(cycle, org.employee).state == "released"
    assert review_of(cycle, org.peer).state == "self_review"  # never submitted: stays, late
    with pytest.raises(TransitionConflict):
        run_transition(FeedbackRequest.objects.filter(review__person=org.peer, state="approved").first()
                       or late_request, "submit", by=late_request.respondent.user)


def test_a_manager_review_submitted_after_release_is_released_at_once(org, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    run_transition(cycle, "skip_unfinished", by=org.hr_admin.user, step="self_review", reason="no time")
    run_transition(cycle, "skip_unfinished", by=org.hr_admin.user, step="feedback", reason="no time")
    cycle.refresh_from_db()
    advance(cycle, "open_feedback", "open_manager_review", "start_calibration", "release_results", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    assert review.state == "respondents_approved"
    from reviews.services import review_manager_save
    question = review.cycle.template.questions.get(author="manager")
    review_manager_save(review=review, by=org.manager.user, answers=[{"question": question.pk, "text": "Late"}],
                        final_rating=4, potential=2)
    assert run_transition(review, "submit_manager_review", by=org.manager.user).state == "released"


def test_the_preview_tells_who_moves_and_who_is_emailed_as_the_move_then_does(
    org, cycle, django_capture_on_commit_callbacks
):
    advance(cycle, "launch", by=org.hr_admin)
    run_transition(review_of(cycle, org.employee), "submit_goals", by=org.employee.user)
    run_transition(review_of(cycle, org.employee), "agree_goals", by=org.manager.user)
    preview = move_preview(cycle, "open_self_review", org.hr_admin.user)
    assert preview["moves"] == [{"what": "enter_self_review", "count": 1}]
    assert preview["emails"]["count"] == 1 and preview["emails"]["names"] == [org.employee.full_name]
    others = Review.objects.filter(cycle=cycle).count() - 1
    [goals] = preview["unfinished"]
    assert (goals["step"], goals["open"] + goals["late"]) == ("goals", others)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(cycle, "open_self_review", by=org.hr_admin, goals_agreed=False)
    assert [m.to for m in mail.outbox] == [[org.employee.user.email]]


def test_the_launch_preview_counts_the_reviews_the_launch_creates(org, cycle):
    preview = move_preview(cycle, "launch", org.hr_admin.user)
    advance(cycle, "launch", by=org.hr_admin)
    assert preview["creates"] == Review.objects.filter(cycle=cycle).count() > 0


def test_returning_a_self_review_needs_a_reason_that_reaches_the_employee(
    org, cycle, api, django_capture_on_commit_callbacks
):
    review = walk(org, cycle, "self_submitted")
    url = f"/api/reviews/{review.pk}/transitions/return_self_review/"
    refused = api(org.manager).post(url, {"reason": "  "}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert api(org.manager).post(url, {"reason": "Add the launch numbers"}, format="json").status_code == 200
    [message] = [m for m in mail.outbox if m.to == [org.employee.user.email]]
    assert "returned" in message.subject and "Add the launch numbers" in message.body


def test_closing_the_cycle_marks_what_was_never_done_as_skipped(org, cycle):
    cycle = _to_manager_review(org, cycle)
    advance(cycle, "start_calibration", "release_results", "close", by=org.hr_admin)
    progress = cycle_progress(cycle, org.hr_admin.user)
    total = Review.objects.filter(cycle=cycle).count()
    assert progress["steps"]["self_review"]["skipped"] == total
    assert progress["steps"]["manager_review"]["skipped"] == total
    assert all(counts["open"] == counts["late"] == 0 for counts in progress["steps"].values())
