"""CycleFlow: phase moves, and the reviews they carry, from the cycles every machine of a review starts from."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from cycles.models import ReviewCycle
from reviews import steps
from reviews.models import FeedbackRequest, Review
from workflows.cycle import CycleFlow
from workflows.models import TransitionLog
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
        # A phase move never completes a step on someone's behalf: every review whose state says a step is done
        # either went through that step's own transition or has the step flagged as skipped.
        for step, done in (("goals", "agree_goals"), ("self_review", "submit_self_review"),
                           ("manager_review", "submit_manager_review")):
            claimed = Review.objects.filter(cycle=cycle, state__in=steps.ORDER[steps.ORDER.index(
                steps.DONE_FROM[step]):], **{f"skipped_{step}": False})
            logged = set(TransitionLog.objects.filter(content_type__model="review", transition=done,
                                                      object_id__in=claimed.values("pk")).values_list("object_id",
                                                                                                     flat=True))
            assert set(claimed.values_list("pk", flat=True)) <= logged, (cycle.state, step)
        if cycle.state == S.CLOSED:
            assert not reviews & {"released", "acknowledged"} and not requests & set(FeedbackRequest.OPEN_STATES)
