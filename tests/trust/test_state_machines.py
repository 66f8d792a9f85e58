"""Random sequences through the flows (hypothesis state machines): whoever tries whatever, in any order.

After every step: each object is in one of its flow's states; a transition that ran wrote exactly one log
row for its object, a refused one wrote none and changed nothing; the reviewee's view of the feedback never
names a respondent unless the cycle is ``named`` and never shows a group under the anonymity threshold.

Each machine starts from objects built once per test (cycles walked to every phase), and each sequence
runs inside a savepoint rolled back at its end, so sequences are independent and cost only their steps.
TRUST_SEQUENCES (default 1,000 across the four machines) sets how many sequences run.
"""

from __future__ import annotations

import pytest

from okrs.models import Objective
from okrs.services import objective_create
from reviews.models import Review
from tests.cycles.factories import current_quarter, make_cycle, walk

from .flow_machines.base import SEQUENCES, run
from .flow_machines.cycles import BASES, CycleMachine
from .flow_machines.objectives import ObjectiveMachine
from .flow_machines.reviews import FeedbackMachine, ReviewMachine

pytestmark = pytest.mark.django_db

SHARE = {"objective": 0.4, "cycle": 0.3, "review": 0.15, "feedback": 0.15}  # the review steps cost the most


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
