"""The permission matrix: every route × every persona → the status it must answer.

One row per (route, method): the channel, the object it acts on (built from the scenario), the body, and
the answer of each persona. Personas not named answer 404 (the object is not theirs to see); ``inactive``
(a logged-in user who has been deactivated) and ``anonymous`` answer 401 on the API and are sent to the
login page (302) elsewhere. test_coverage.py fails for any route with neither a row here nor a reason in
NOT_COVERED. The rows live in matrix_rows/, one module an area, in the words of matrix_rows/terms.py.

The cast (tests/conftest.py + scenario.py): the employee owns everything the rows act on, unless the row
says otherwise; manager and skip are their management chain; respondent is the peer who gave feedback
on the review; hr_partner is HR partner of Engineering (the employee's units), hr_partner_out of Sales;
outsider works in Sales.
"""

from .matrix_rows import coach, continuous, cycles, documents, goals, meetings, notifications, people, privacy, reviews
from .matrix_rows.terms import PAGE, PERSONAS, SECRETS, Row

__all__ = ["NOT_COVERED", "NOT_COVERED_PREFIXES", "PAGE", "PERSONAS", "SECRETS", "TABLE", "Row"]

TABLE: list[Row] = [
    *people.ROWS,
    *goals.ROWS,
    *cycles.ROWS,
    *reviews.ROWS,
    *documents.ROWS,
    *meetings.ROWS,
    *coach.ROWS,
    *privacy.ROWS,
    *notifications.ROWS,
    *continuous.ROWS,
]

# Routes with no row, and why: none of them shows or changes an object of the organisation.
NOT_COVERED = {
    "healthz": "public health check (CONTRACT: no login)",
    "login": "the login form itself (public)",
    "logout": "ends the caller's own session",
    "password_change": "the caller's own password (Django auth)",
    "password_change_done": "static confirmation",
    "password_reset": "Django auth, by e-mail token",
    "password_reset_done": "static confirmation",
    "password_reset_confirm": "Django auth, by e-mail token",
    "password_reset_complete": "static confirmation",
    "set_language": "the caller's own language (public, the login page offers it)",
    "oidc_authentication_init": "single sign-on: starts the login at the identity provider (public)",
    "oidc_authentication_callback": "single sign-on: the provider's answer, checked by state and nonce (public)",
    "oidc_logout": "ends the caller's own session",
}
NOT_COVERED_PREFIXES = {
    "admin/": "the Django admin site: staff only, guarded by the model permissions it is built on",
    "favicon.ico": "the site's icon, a static file (public)",
}
