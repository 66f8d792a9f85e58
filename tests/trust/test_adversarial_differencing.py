"""Adversarial: differencing attacks on feedback. The reader compares two views they hold — the review before
and after one late answer, the overall score against the group averages, the same group in two cycles — and
learns nothing about any single respondent from the difference."""

import re

import pytest
from django.urls import reverse

from reviews.models import FeedbackRequest, Review
from reviews.services import conversation_create, feedback_answers_save, review_manager_save, review_self_save
from tests.cycles.factories import advance, make_cycle, nominate, respondent_answers, review_of, self_answers
from tests.documents.conftest import pdf_text
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"')


def _released(org, cycle, answers: dict[str, tuple[str, int]], silent=()):
    """The employee's review in ``cycle`` released: each of ``answers`` (persona → (group, rating)) answered,
    each of ``silent`` (persona → group) asked and never answered."""
    cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    asked = {**{name: group for name, (group, _r) in answers.items()}, **dict(silent)}
    requests = {name: nominate(review, getattr(org, name), group=group)[0] for name, group in asked.items()}
    run_transition(review, "submit_self_review", by=org.employee.user)
    run_transition(review, "approve_respondents", by=org.manager.user)
    for name, (_group, rating) in answers.items():
        request = FeedbackRequest.objects.get(pk=requests[name].pk)
        feedback_answers_save(request=request, by=request.respondent.user,
                              answers=respondent_answers(request, rating=rating, text=f"From {name}"))
        run_transition(FeedbackRequest.objects.get(pk=request.pk), "submit", by=request.respondent.user)
    cycle = advance(cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    question = cycle.template.questions.get(author="manager")
    review = review_of(cycle, org.employee)
    review_manager_save(review=review, by=org.manager.user, answers=[{"question": question.pk, "text": "Ok"}],
                        final_rating=3, potential=2)
    run_transition(review, "submit_manager_review", by=org.manager.user)
    advance(cycle, "start_calibration", "release_results", by=org.hr_admin)
    review = Review.objects.get(pk=review.pk)
    conversation_create(review=review, by=org.manager.user)
    return review


def _cycle(org, **fields):
    fields = {"anonymity": "anonymous", "anonymity_threshold": 2, "min_respondents": 1, "max_respondents": 4,
              **fields}
    return make_cycle(by=org.hr_admin, units=[org.acme], **fields)


def _section(page: str) -> str:
    start = page.find('id="feedback"')
    return "" if start < 0 else page[start:page.find("</section>", start)]


def _everything(api, web, reader, review):
    """All that ``reader`` reads of the review's feedback: API groups and score, the page's feedback section,
    the PDF, the conversation agenda."""
    data = api(reader).get(f"/api/reviews/{review.pk}/").json()
    conversation = review.conversation
    agenda = api(reader).get(f"/api/conversations/{conversation.pk}/").json().get("agenda", {})
    return {
        "api": (data.get("feedback"), data.get("feedback_score")),
        "page": _section(web(reader).get(reverse("reviews:review", args=[review.pk])).content.decode()),
        "pdf": pdf_text(api(reader).get(f"/api/reviews/{review.pk}/summary.pdf").content),
        "agenda": agenda.get("feedback"),
    }


def test_one_late_answer_after_release_changes_nothing_anyone_reads(api, web, org):
    review = _released(org, _cycle(org), {"peer": ("peer", 4), "outsider": ("peer", 2)}, silent={"skip": "peer"})
    readers = (org.employee, org.manager)
    before = {r.pk: _everything(api, web, r, review) for r in readers}
    # A late answer (the one the skip-level never sent), and an answer changed after the fact.
    template = FeedbackRequest.objects.filter(review=review, state="submitted").first()
    FeedbackRequest.objects.create(review=review, cycle=review.cycle, respondent=org.ceo, group="peer",
                                   state=FeedbackRequest.State.SUBMITTED,
                                   answers=respondent_answers(template, rating=1, text="Late and harsh"))
    FeedbackRequest.objects.filter(pk=template.pk).update(
        answers=respondent_answers(template, rating=5, text="Changed my mind"))
    for reader in readers:
        after = _everything(api, web, reader, Review.objects.get(pk=review.pk))
        assert after == before[reader.pk], reader
        assert "Late and harsh" not in str(after) and "Changed my mind" not in str(after)


def test_no_overall_score_mixes_in_a_withheld_group(api, org):
    # Peers: two answers (shown, threshold two). Customer: one answer of 1 (withheld).
    cycle = _cycle(org)
    review = _released(org, cycle, {"peer": ("peer", 4), "outsider": ("peer", 4), "skip": ("customer", 1)})
    for reader in (org.employee, org.manager):
        data = api(reader).get(f"/api/reviews/{review.pk}/").json()
        groups = {g["group"]: g for g in data["feedback"]}
        assert groups["customer"]["withheld"] and groups["customer"]["average"] is None
        assert groups["customer"]["responses"] is None
        shown = [g for g in groups.values() if g["average"] is not None]
        weights = sum(cycle.weight(g["group"]) for g in shown)
        expected = round(sum(g["average"] * cycle.weight(g["group"]) for g in shown) / weights, 2)
        # The overall equals the shown groups' alone: comparing it with them tells nothing of the customer.
        assert data["feedback_score"] == expected == groups["peer"]["average"]


def test_the_same_group_across_two_cycles_tells_nothing_of_who_fell_silent(api, web, org):
    # Spring: the three peers answer (shown). Autumn, the same three asked: two answer, one silent.
    spring = _cycle(org, anonymity_threshold=3)
    first = _released(org, spring, {"peer": ("peer", 4), "outsider": ("peer", 4), "skip": ("peer", 4)})
    autumn = _cycle(org, anonymity_threshold=3, name="Autumn review")
    second = _released(org, autumn, {"peer": ("peer", 4), "outsider": ("peer", 2)}, silent={"skip": "peer"})
    assert first.cycle_id != second.cycle_id
    client = api(org.employee)
    data = client.get(f"/api/reviews/{second.pk}/").json()
    [peer] = data["feedback"]
    # No count, average or comment to set against spring's three, and no overall made of them.
    assert (peer["responses"], peer["average"], peer["comments"]) == (None, None, [])
    assert data["feedback_score"] is None
    # Nor which of the three fell silent: every request of autumn reads alike.
    body = client.get(f"/api/feedback-requests/?review={second.pk}").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert {row["state"] for row in rows} == {"approved"} and len(rows) == 3
    for state in ("submitted", "cancelled"):
        body = client.get(f"/api/feedback-requests/?review={second.pk}&state={state}").json()
        assert not (body["results"] if isinstance(body, dict) else body), state
    page = web(org.employee).get(reverse("reviews:review", args=[second.pk])).content.decode()
    assert "From peer" not in page and "From outsider" not in page and "state-cancelled" not in page


def test_the_reviewee_sees_nothing_move_when_one_respondent_answers_or_declines(api, web, org):
    """Before release: every page and API the reviewee has, read before and after the peer answers and the
    outsider declines, is the same (the session's CSRF token aside)."""
    cycle = advance(_cycle(org), "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    answering, declining = nominate(review, org.peer, org.outsider)
    run_transition(review, "submit_self_review", by=org.employee.user)
    run_transition(review, "approve_respondents", by=org.manager.user)
    cycle = advance(cycle, "open_feedback", by=org.hr_admin)
    pages = [reverse("reviews:review", args=[review.pk]), reverse("reviews:mine"), reverse("reviews:tasks"),
             reverse("reviews:request", args=[answering.pk]), reverse("reviews:request", args=[declining.pk])]
    calls = [f"/api/reviews/{review.pk}/", f"/api/reviews/?cycle={cycle.pk}", f"/api/cycles/{cycle.pk}/progress/",
             f"/api/feedback-requests/?review={review.pk}", f"/api/feedback-requests/{answering.pk}/",
             f"/api/feedback-requests/{declining.pk}/"]

    def views(reader=org.employee):
        browser, client = web(reader), api(reader)
        seen = {url: CSRF.sub("", browser.get(url).content.decode()) for url in pages}
        return seen | {url: client.get(url).content.decode() for url in calls}

    before, manager_before = views(), views(org.manager)
    request = FeedbackRequest.objects.get(pk=answering.pk)
    feedback_answers_save(request=request, by=org.peer.user, answers=respondent_answers(request))
    run_transition(FeedbackRequest.objects.get(pk=answering.pk), "submit", by=org.peer.user)
    run_transition(FeedbackRequest.objects.get(pk=declining.pk), "decline", by=org.outsider.user, reason="Too busy")
    after = views()
    assert [url for url in before if before[url] != after[url]] == []
    assert views(org.manager) != manager_before  # the comparison does see a change where one may be read
