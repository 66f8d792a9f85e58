"""Reads of the reviews app, always scoped to the user asking, one module per concept:

- ``reviews``: visibility of reviews, the loaded review and the parts a reader may see;
- ``anonymity``: the mode a reader reads feedback in, the groups and score (frozen at release), the masking of
  request states, who reads a request's answers and decline reason;
- ``feedback``: feedback requests;
- ``conversations``: results conversations, their parts and agenda;
- ``tasks``: the inbox and the tasks due (reminders);
- ``progress``: a cycle's reviews per state;
- ``calibration``, ``rater_quality``: the calibration page's scope, figures and rater flags;
- ``dashboard``: HR's completion, overdue tasks and the results export.

The names most callers need are importable from the package itself.
"""

from .anonymity import (
    decline_reason_visible,
    feedback_mode,
    request_answers_visible,
    request_state_for,
    review_feedback,
    with_state_for,
)
from .feedback import (
    attach_request_context,
    feedback_request_detail,
    feedback_requests_visible_to,
    request_queryset,
    request_questions,
)
from .reviews import (
    attach_review_context,
    cycle_reviews_matching,
    review_detail,
    review_goal_ids,
    review_parts,
    review_queryset,
    review_questions,
    reviews_visible_to,
    with_review_context,
)
from .tasks import inbox, tasks_due, tasks_for

__all__ = [
    "attach_request_context", "attach_review_context", "cycle_reviews_matching", "decline_reason_visible",
    "feedback_mode",
    "feedback_request_detail", "feedback_requests_visible_to", "inbox", "request_answers_visible",
    "request_queryset", "request_questions", "request_state_for", "review_detail", "review_feedback",
    "review_goal_ids", "review_parts", "review_queryset", "review_questions", "reviews_visible_to", "tasks_due",
    "tasks_for", "with_review_context", "with_state_for",
]
