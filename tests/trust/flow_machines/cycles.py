"""CycleFlow: phase moves, and the reviews they carry, from the cycles every machine of a review starts from."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from cycles.models import ReviewCycle
from reviews.models import FeedbackRequest, Review
from workflows.cycle import CycleFlow
from workflows.runner import transition_names

from .base import PERSONAS, FlowMachine, states_of

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
