"""Writes to goals: keyword-only, typed, atomic, validating before they save.

Split by concept; import from here: ``from okrs.services import check_in_create``.
"""

from .alignment import dependency_create
from .development import development_goal_create, development_goal_update
from .key_results import (
    check_in_create,
    key_result_create,
    key_result_update,
    key_results_grade,
    objective_scores_refresh,
)
from .objectives import cascade_error, objective_create, objective_update, objective_warnings
from .periods import period_specs, periods_ensure
from .weekly import week_start, weekly_plan_save

__all__ = [
    "cascade_error",
    "check_in_create",
    "dependency_create",
    "development_goal_create",
    "development_goal_update",
    "key_result_create",
    "key_result_update",
    "key_results_grade",
    "objective_create",
    "objective_scores_refresh",
    "objective_update",
    "objective_warnings",
    "period_specs",
    "periods_ensure",
    "week_start",
    "weekly_plan_save",
]
