"""Writes of review content; state changes are in ``workflows.review`` and ``workflows.feedback``."""

from .calibration import calibration_session_create
from .conversations import (
    clean_actions,
    conversation_create,
    conversation_development_goal_add,
    conversation_update,
)
from .feedback import (
    NominationErrors,
    NominationRow,
    feedback_answers_save,
    feedback_request_create,
    feedback_requests_create_bulk,
    respondent_limits_check,
)
from .reviews import (
    review_manager_save,
    review_self_save,
    reviews_create_missing,
    reviews_follow_managers,
    self_review_missing,
)

__all__ = [
    "NominationErrors",
    "NominationRow",
    "calibration_session_create",
    "clean_actions",
    "conversation_create",
    "conversation_development_goal_add",
    "conversation_update",
    "feedback_answers_save",
    "feedback_request_create",
    "feedback_requests_create_bulk",
    "respondent_limits_check",
    "review_manager_save",
    "review_self_save",
    "reviews_create_missing",
    "reviews_follow_managers",
    "self_review_missing",
]
