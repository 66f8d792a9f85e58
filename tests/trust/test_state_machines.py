"""Random sequences through the flows (hypothesis state machines): whoever tries whatever, in any order.

After every step: each object is in one of its flow's states; a transition that ran wrote exactly one log
row for its object, a refused one wrote none and changed nothing; the reviewee's view of the feedback never
names a respondent unless the cycle is ``named`` and never shows a group under the anonymity threshold.

Each machine starts from objects built once per test (cycles walked to every phase), and each sequence
runs inside a savepoint rolled back at its end, so sequences are independent and cost only their steps.
TRUST_SEQUENCES (default 1,000 across the four machines) sets how many sequences run.
"""

from __future__ import annotations

import json
import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from common.errors import Conflict, VersionConflict
from cycles.models import ReviewCycle
from okrs.models import Objective
from okrs.services import key_result_create, objective_create
from reviews.models import FeedbackRequest, Review
from reviews.selectors import review_detail, review_parts
from reviews.services import feedback_answers_save, feedback_request_create, review_manager_save, review_self_save
from tests.cycles.factories import current_quarter, make_cycle, respondent_answers, self_answers, walk
from workflows.cycle import CycleFlow
from workflows.errors import TransitionConflict, TransitionForbidden
from workflows.feedback import FeedbackFlow
from workflows.models import TransitionLog
from workflows.objective import ObjectiveFlow
from workflows.review import ReviewFlow
from workflows.runner import available_transitions, run_transition, transition_names

pytestmark = pytest.mark.django_db

SEQUENCES = int(os.environ.get("TRUST_SEQUENCES", "1000"))
SHARE = {"objective": 0.4, "cycle": 0.3, "review": 0.15, "feedback": 0.15}  # the review steps cost the most
PERSONAS = ("employee", "manager", "peer", "outsider", "skip", "ceo", "hr_partner", "hr_admin")
REFUSALS = (TransitionConflict, TransitionForbidden, ValidationError)


def run(machine: type[RuleBasedStateMachine], share: float) -> int:
    machine.sequences = 0
    examples = max(1, round(SEQUENCES * share))
    run_state_machine_as_test(machine, settings=settings(
        max_examples=examples, stateful_step_count=8, deadline=None, database=None, derandomize=False,
        suppress_health_check=list(HealthCheck),
    ))
    return machine.sequences


class FlowMachine(RuleBasedStateMachine):
    """The shared checks: a transition is attempted, and its outcome is checked against the log."""

    org = None
    sequences = 0

    def __init__(self):
        super().__init__()
        type(self).sequences += 1
        self.savepoint = transaction.savepoint()
        self.tried = 0

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    def person(self, name: str):
        return getattr(self.org, name)

    def attempt(self, obj: models.Model, name: str, persona: str, allow=REFUSALS, **data) -> bool:
        """Run ``name`` on ``obj`` as ``persona``; True when it ran. Checks the log either way.

        ``allow``: the refusals expected; a transition the caller was offered may only miss a value (400)."""
        model = type(obj)
        content_type = ContentType.objects.get_for_model(model)
        logs = TransitionLog.objects.filter(content_type=content_type, object_id=obj.pk)
        before_state = model.objects.values_list("state", flat=True).get(pk=obj.pk)
        before_logs = logs.count()
        self.tried += 1
        try:
            moved = run_transition(obj, name, by=self.person(persona).user, **data)
        except allow:
            assert logs.count() == before_logs, f"refused {name} left a log row"
            assert model.objects.values_list("state", flat=True).get(pk=obj.pk) == before_state
            return False
        assert logs.count() == before_logs + 1, f"{name} by {persona}: {logs.count() - before_logs} log rows"
        last = logs.order_by("-pk").first()
        stored = model.objects.values_list("state", flat=True).get(pk=obj.pk)
        assert (last.source, last.target) == (before_state, stored) == (before_state, moved.state)
        return True

    def offered(self, obj: models.Model, persona: str) -> list[str]:
        return available_transitions(obj, self.person(persona).user)

    def run_offered(self, obj: models.Model, persona: str, choice: int, **data) -> None:
        """What a page would offer ``persona`` must run, or at most ask for a missing value — never 403/409."""
        names = self.offered(obj, persona)
        if names:
            name = names[choice % len(names)]
            extra = {"final_rating": 4} if name == "calibrate" else {}
            self.attempt(obj, name, persona, allow=(ValidationError,), **data, **extra)


def states_of(model: type[models.Model]) -> set[str]:
    return set(model.State.values)


# ObjectiveFlow --------------------------------------------------------------------------------------


class ObjectiveMachine(FlowMachine):
    """A personal and a team objective, from draft, with or without key results."""

    objective_ids: list[int] = []

    @initialize(which=st.integers(0, 1), with_key_result=st.booleans())
    def start(self, which, with_key_result):
        self.objective = Objective.objects.get(pk=self.objective_ids[which])
        if with_key_result:
            key_result_create(by=self.org.hr_admin.user, objective=self.objective, title="Latency", start=0,
                              target=10)

    def refresh(self):
        self.objective = Objective.objects.get(pk=self.objective.pk)

    @rule(name=st.sampled_from(transition_names(ObjectiveFlow)), persona=st.sampled_from(PERSONAS),
          reason=st.sampled_from(["", "Sharpen the key results"]))
    def any_transition(self, name, persona, reason):
        self.attempt(self.objective, name, persona, reason=reason)
        self.refresh()

    @rule(persona=st.sampled_from(PERSONAS), choice=st.integers(0, 5))
    def offered_transition(self, persona, choice):
        """What the page would offer must run (or answer a validation message), never conflict or refuse."""
        self.run_offered(self.objective, persona, choice, reason="because")
        self.refresh()

    @rule()
    def add_key_result(self):
        try:
            key_result_create(by=self.org.hr_admin.user, objective=self.objective, title="Uptime", start=0,
                              target=99)
        except (ValidationError, Conflict, TransitionConflict):
            pass
        self.refresh()

    @invariant()
    def valid_state(self):
        if hasattr(self, "objective"):
            assert Objective.objects.get(pk=self.objective.pk).state in states_of(Objective)


# Reviews, feedback and cycles ------------------------------------------------------------------------

# Cycles walked once per test to each depth of the employee's review, with the anonymity each one uses.
BASES = (
    ("goals_draft", {"anonymity": "anonymous", "anonymity_threshold": 2}),
    ("self_review", {"anonymity": "anonymous", "anonymity_threshold": 2}),
    ("self_submitted", {"anonymity": "anonymous", "anonymity_threshold": 3}),
    ("respondents_approved", {"anonymity": "named"}),
    ("manager_submitted", {"anonymity": "anonymous", "anonymity_threshold": 2}),
    ("calibrated", {"anonymity": "manager_only"}),
    ("released", {"anonymity": "anonymous", "anonymity_threshold": 3}),
)


class CycleMachine(FlowMachine):
    """Phase moves (and the reviews they carry) from a draft cycle or one walked to a later phase."""

    cycle_ids: list[int] = []

    @initialize(which=st.integers(0, len(BASES)), feedback=st.booleans(), calibration=st.booleans())
    def start(self, which, feedback, calibration):
        ids = [*self.cycle_ids, self.draft_id]
        ReviewCycle.objects.filter(pk=ids[which]).update(feedback_phase=feedback, calibration_phase=calibration)
        self.cycle = ReviewCycle.objects.get(pk=ids[which])

    def refresh(self):
        self.cycle = ReviewCycle.objects.get(pk=self.cycle.pk)

    @rule(name=st.sampled_from(transition_names(CycleFlow)), persona=st.sampled_from(PERSONAS))
    def any_transition(self, name, persona):
        self.attempt(self.cycle, name, persona)
        self.refresh()

    @rule(choice=st.integers(0, 5))
    def next_phase(self, choice):
        self.run_offered(self.cycle, "hr_admin", choice)
        self.refresh()

    @invariant()
    def phases_carry_the_reviews(self):
        if not hasattr(self, "cycle"):
            return
        cycle = ReviewCycle.objects.get(pk=self.cycle.pk)
        assert cycle.state in states_of(ReviewCycle)
        reviews = set(Review.objects.filter(cycle=cycle).values_list("state", flat=True))
        requests = set(FeedbackRequest.objects.filter(cycle=cycle).values_list("state", flat=True))
        assert reviews <= states_of(Review) and requests <= states_of(FeedbackRequest)
        S = ReviewCycle.State
        if cycle.state not in (S.DRAFT, S.GOAL_SETTING, S.TRACKING):
            assert not reviews & {"goals_draft", "goals_submitted", "goals_agreed"}, (cycle.state, reviews)
        if cycle.state in (S.MANAGER_REVIEW, S.CALIBRATION, S.CONVERSATIONS, S.CLOSED):
            assert not reviews & {"self_review", "self_submitted"}, (cycle.state, reviews)
            assert "nominated" not in requests
        if cycle.state == S.CLOSED:
            assert not reviews & {"released", "acknowledged"} and not requests & set(FeedbackRequest.OPEN_STATES)


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


@pytest.fixture
def bases(org):
    """The cycles each machine starts from, walked once; their ids."""
    cycles = [walk(org, make_cycle(by=org.hr_admin, units=[org.acme], **fields), until).cycle
              for until, fields in BASES]
    draft = make_cycle(by=org.hr_admin, units=[org.acme])
    reviews = [Review.objects.get(cycle=cycle, person=org.employee).pk for cycle in cycles]
    quarter = current_quarter()
    objectives = [
        objective_create(by=org.employee.user, level=Objective.Level.PERSONAL, owner=org.employee, title="Ship it",
                         period=quarter),
        objective_create(by=org.manager.user, level=Objective.Level.TEAM, unit=org.platform, title="Fast builds",
                         period=quarter),
    ]
    return {"cycles": [c.pk for c in cycles], "draft": draft.pk, "reviews": reviews,
            "objectives": [o.pk for o in objectives]}


def test_random_sequences_through_every_flow_keep_states_logs_and_anonymity(org, bases):
    for machine in (ObjectiveMachine, CycleMachine, ReviewMachine, FeedbackMachine):
        machine.org = org
    ObjectiveMachine.objective_ids = bases["objectives"]
    CycleMachine.cycle_ids, CycleMachine.draft_id = bases["cycles"], bases["draft"]
    ReviewMachine.review_ids = bases["reviews"]
    ran = {
        "objective": run(ObjectiveMachine, SHARE["objective"]),
        "cycle": run(CycleMachine, SHARE["cycle"]),
        "review": run(ReviewMachine, SHARE["review"]),
        "feedback": run(FeedbackMachine, SHARE["feedback"]),
    }
    assert sum(ran.values()) >= SEQUENCES * 0.95, ran
