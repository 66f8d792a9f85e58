"""Goals: periods, objectives and their key results, check-ins, adjustments, dependencies, development goals.

Scores are stored (``KeyResult.progress``, ``Objective.score``) so lists and trees read them without
computing; the services that change key results or record check-ins recompute them in the same
transaction (see ``okrs.scoring``).

One module a concept; every name is imported from ``okrs.models``. The imports below follow the order the
models were declared in, which is the order the app registry lists them in.
"""

# ruff: noqa: I001
from .periods import Period
from .objectives import FRACTION, VALUE, KeyResult, Objective
from .check_ins import CheckIn
from .adjustments import KeyResultAdjustment
from .dependencies import Dependency
from .development_goals import DevelopmentGoal
from .weekly_plans import WeeklyPlan

__all__ = [
    "FRACTION",
    "VALUE",
    "CheckIn",
    "Dependency",
    "DevelopmentGoal",
    "KeyResult",
    "KeyResultAdjustment",
    "Objective",
    "Period",
    "WeeklyPlan",
]
