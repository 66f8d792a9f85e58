"""ObjectiveFlow: a personal and a team objective, from draft, with or without key results."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from common.errors import Conflict
from okrs.models import Objective
from okrs.services import key_result_create
from workflows.errors import TransitionConflict
from workflows.objective import ObjectiveFlow
from workflows.runner import transition_names

from .base import PERSONAS, FlowMachine, states_of


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
