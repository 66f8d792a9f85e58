"""Goals test helpers: periods from the data migration, objectives built through the services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from okrs.models import KeyResult, Objective, Period
from okrs.services import key_result_create, objective_create
from people.models import Person
from workflows.runner import run_transition

# The path through ObjectiveFlow to each state, run by HR admin (who may run every step).
PATH = {
    Objective.State.DRAFT: [],
    Objective.State.PROPOSED: ["submit"],
    Objective.State.AGREED: ["submit", "agree"],
    Objective.State.ACTIVE: ["submit", "agree", "activate"],
    Objective.State.CLOSED: ["submit", "agree", "activate", "close"],
}


@pytest.fixture
def quarter(db) -> Period:
    """The current quarter, created by the migration."""
    today = timezone.localdate()
    return Period.objects.get(code=f"{today.year}-Q{(today.month - 1) // 3 + 1}")


@pytest.fixture
def half(db) -> Period:
    today = timezone.localdate()
    return Period.objects.get(code=f"{today.year}-H{1 if today.month <= 6 else 2}")


@pytest.fixture
def make_objective(org, quarter):
    """make_objective(level, owner_or_unit, **fields) → an objective with one key result, in ``state``."""

    def make(level: str = "personal", who=None, *, state: str = Objective.State.DRAFT, krs: int = 1,
             by: Person | None = None, **fields) -> Objective:
        fields.setdefault("title", f"Objective {Objective.objects.count() + 1}")
        fields.setdefault("period", quarter)
        if level == Objective.Level.PERSONAL:
            who = who or org.employee
            by = by or who
            objective = objective_create(by=by.user, level=level, owner=who, **fields)
        else:
            unit = who or (org.acme if level == Objective.Level.COMPANY else org.platform)
            by = by or org.hr_admin
            objective = objective_create(by=by.user, level=level, unit=unit, **fields)
        for i in range(krs):
            key_result_create(by=org.hr_admin.user, objective=objective, title=f"KR {i + 1}", start=0, target=100)
        for name in PATH[state]:
            run_transition(objective, name, by=org.hr_admin.user)
        return Objective.objects.get(pk=objective.pk)

    return make


def kr_of(objective: Objective) -> KeyResult:
    return objective.key_results.order_by("position", "pk").first()


def dec(value) -> Decimal:
    return Decimal(str(value))
