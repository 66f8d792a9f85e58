"""What every flow machine shares: a transition attempted by a persona, its outcome checked against the log.

Each sequence runs inside a savepoint rolled back at its end, so sequences are independent.
"""

from __future__ import annotations

import os

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, run_state_machine_as_test

from workflows.errors import TransitionConflict, TransitionForbidden
from workflows.models import TransitionLog
from workflows.runner import available_transitions, run_transition

SEQUENCES = int(os.environ.get("TRUST_SEQUENCES", "1000"))
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
