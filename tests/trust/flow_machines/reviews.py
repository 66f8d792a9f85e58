"""ReviewFlow and FeedbackFlow: the employee's review at any depth, its drafts, nominations and feedback
requests; the reviewee never learns who said what."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from common.errors import Conflict, VersionConflict
from cycles.models import ReviewCycle
from reviews.models import FeedbackRequest, Review
from reviews.selectors import review_detail, review_parts
from reviews.services import feedback_answers_save, feedback_request_create, review_manager_save, review_self_save
from tests.cycles.factories import respondent_answers, self_answers
from workflows.errors import TransitionConflict
from workflows.feedback import FeedbackFlow
from workflows.review import ReviewFlow
from workflows.runner import transition_names

from .base import PERSONAS, FlowMachine, states_of
from .cycles import BASES


class ReviewMachine(FlowMachine):
    """The employee's review at any depth: its transitions, drafts, nominations and the cycle's phases."""

    review_ids: list[int] = []

    @initialize(which=st.integers(0, len(BASES) - 1))
    def start(self, which):
        self.review = Review.objects.get(pk=self.review_ids[which])

    def refresh(self):
        self.review = Review.objects.select_related("cycle").get(pk=self.review.pk)

    def requests(self) -> list[FeedbackRequest]:
        return list(FeedbackRequest.objects.filter(review=self.review).order_by("pk"))

    @rule(name=st.sampled_from(transition_names(ReviewFlow)), persona=st.sampled_from(PERSONAS),
          reason=st.sampled_from(["", "Rework the examples"]), rating=st.sampled_from([None, 2, 4, 9]))
    def review_transition(self, name, persona, reason, rating):
        data = {"final_rating": rating} if name == "calibrate" else {}
        self.attempt(self.review, name, persona, reason=reason, **data)
        self.refresh()

    @rule(persona=st.sampled_from(PERSONAS), choice=st.integers(0, 5))
    def offered_review_transition(self, persona, choice):
        self.run_offered(self.review, persona, choice, reason="because")
        self.refresh()

    @rule(choice=st.integers(0, 5))
    def cycle_phase(self, choice):
        self.run_offered(self.review.cycle, "hr_admin", choice)
        self.refresh()

    @rule(text=st.sampled_from(["Shipped the app", "Mentored two people", ""]), stale=st.booleans())
    def save_self_review(self, text, stale):
        self.save_draft(lambda version: review_self_save(
            review=self.review, by=self.org.employee.user, answers=self_answers(self.review, text), version=version,
        ), stale, "self_answers", text)

    @rule(text=st.sampled_from(["Solid year", ""]), stale=st.booleans(), rating=st.sampled_from([None, 3]))
    def save_manager_review(self, text, stale, rating):
        question = self.review.cycle.template.questions.get(author="manager")
        self.save_draft(lambda version: review_manager_save(
            review=self.review, by=self.org.manager.user, answers=[{"question": question.pk, "text": text}],
            final_rating=rating, version=version,
        ), stale, "manager_answers", text)

    def save_draft(self, save, stale: bool, part: str, text: str) -> None:
        before = Review.objects.get(pk=self.review.pk)
        version = before.version - 1 if stale and before.version else before.version
        try:
            saved = save(version)
        except VersionConflict as conflict:
            assert stale and (conflict.version, conflict.answers) == (before.version, getattr(before, part))
            self.assert_unchanged(before)
        except (Conflict, ValidationError):
            self.assert_unchanged(before)
        else:
            assert not (stale and before.version), "a stale draft overwrote a newer one"
            assert saved.version == before.version + 1 and saved.state == before.state
            assert {a.get("text") for a in getattr(saved, part) if a.get("text")} <= {text}
        self.refresh()

    def assert_unchanged(self, before: Review) -> None:
        after = Review.objects.get(pk=before.pk)
        assert (after.version, after.self_answers, after.manager_answers, after.state) == (
            before.version, before.self_answers, before.manager_answers, before.state)

    @rule(respondent=st.sampled_from(PERSONAS), group=st.sampled_from(["peer", "customer", "report"]),
          by=st.sampled_from(["employee", "manager"]))
    def nominate(self, respondent, group, by):
        count = FeedbackRequest.objects.filter(review=self.review).count()
        try:
            feedback_request_create(review=self.review, respondent=self.person(respondent), group=group, goals=[],
                                    by=self.person(by).user)
        except (ValidationError, Conflict, TransitionConflict):
            assert FeedbackRequest.objects.filter(review=self.review).count() == count
        self.refresh()

    @invariant()
    def valid_states(self):
        if hasattr(self, "review"):
            assert Review.objects.get(pk=self.review.pk).state in states_of(Review)
            assert set(FeedbackRequest.objects.filter(review=self.review).values_list("state", flat=True)) <= (
                states_of(FeedbackRequest))

    @invariant()
    def the_reviewee_never_learns_who_said_what(self):
        if not hasattr(self, "review") or self.review.cycle.anonymity == ReviewCycle.Anonymity.NAMED:
            return
        answered = FeedbackRequest.objects.filter(review=self.review, state__in=["submitted", "declined"])
        if not self.review.is_released and not answered.exists():
            return  # nothing yet to hide (the reading below costs a dozen queries)
        employee = self.org.employee.user
        review = review_detail(employee, self.review.pk)
        parts = review_parts(review, employee)
        cycle = review.cycle
        # Who answered or declined is hidden as well as what they said.
        assert {row["state"] for row in parts["respondents"]} <= {"nominated", "approved", "cancelled"}
        if cycle.anonymity == ReviewCycle.Anonymity.MANAGER_ONLY or not review.is_released:
            assert "feedback" not in parts
            return
        submitted = FeedbackRequest.objects.filter(review=review, state=FeedbackRequest.State.SUBMITTED)
        names = {r.respondent.full_name for r in submitted.select_related("respondent")}
        dumped = json.dumps(parts["feedback"])
        assert '"respondent"' not in dumped and not any(name in dumped for name in names)
        for group in parts["feedback"]:
            responses = submitted.filter(group=group["group"]).count()
            if responses < cycle.anonymity_threshold:
                assert group["average"] is None and group["comments"] == [], group


class FeedbackMachine(ReviewMachine):
    """The review's feedback requests: each side's transitions and the respondent's drafts."""

    @rule(index=st.integers(0, 3), name=st.sampled_from(transition_names(FeedbackFlow)),
          persona=st.sampled_from(PERSONAS), reason=st.sampled_from(["", "I have not worked with Emil"]))
    def request_transition(self, index, name, persona, reason):
        requests = self.requests()
        if requests:
            self.attempt(requests[index % len(requests)], name, persona, reason=reason)
        self.refresh()

    @rule(index=st.integers(0, 3), choice=st.integers(0, 3))
    def respondent_acts(self, index, choice):
        """The respondent answers in full, then runs what is offered to them (submit or decline)."""
        requests = self.requests()
        if not requests:
            return
        request = requests[index % len(requests)]
        respondent = request.respondent.user
        try:
            feedback_answers_save(request=request, by=respondent, answers=respondent_answers(request),
                                  version=request.version)
        except (Conflict, ValidationError):
            assert FeedbackRequest.objects.get(pk=request.pk).answers == request.answers
        persona = next(p for p in PERSONAS if self.person(p).user.pk == respondent.pk)
        self.run_offered(FeedbackRequest.objects.get(pk=request.pk), persona, choice, reason="No time, sorry")
        self.refresh()
