"""Writes of review content; state changes are in ``workflows.review`` and ``workflows.feedback``."""

from .feedback import feedback_answers_save, feedback_request_create, respondent_limits_check
from .reviews import (
    review_manager_save,
    review_self_save,
    reviews_create_missing,
    reviews_follow_managers,
    self_review_missing,
)

__all__ = [
    "feedback_answers_save",
    "feedback_request_create",
    "respondent_limits_check",
    "review_manager_save",
    "review_self_save",
    "reviews_create_missing",
    "reviews_follow_managers",
    "self_review_missing",
]
