"""Praise, feedback, asks, a manager's notes, and a review's evidence.

The scenario's praise is from the peer (respondent) to the employee; the peer's feedback about the employee is
private to the manager (``feedback``) or shared with the employee (``shared_feedback``); the employee asked the
peer for feedback about themselves (``ask``); the manager keeps a note about the employee (``manager_note``).
"""

from .terms import API_DETAIL, PAGE, REVIEW, SCOPE, R, Row

# Who reads a review's evidence through the API: the employee's chain and HR; the employee sees the review (403).
EVIDENCE = {200: {"manager", "skip", "hr_partner", "hr_admin"}, 403: {"employee"}}

ROWS: list[Row] = [
    R("api-review-evidence", "GET", API_DETAIL, REVIEW, EVIDENCE),
    # The panel on the review page: every reader of the review, each seeing what they may read.
    R("reviews:evidence", "GET", PAGE, REVIEW, {200: SCOPE}),
]
