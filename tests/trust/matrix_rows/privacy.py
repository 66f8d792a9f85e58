"""Privacy: HR admin only, 404 for everyone else."""

from .terms import API_ACTION, EXPORT, HR, ME, PAGE, R, Row

ROWS: list[Row] = [
    R("privacy:overview", "GET", PAGE, answers={200: HR}),
    R("privacy:person", "GET", PAGE, ME, {200: HR}),
    R("privacy:export", "POST", EXPORT, ME, {200: HR}),
    R("privacy:erase", "POST", PAGE, ME, {400: HR}, body=lambda s: {"reason": "Left"}, note="unconfirmed"),
    R("api-person-export", "POST", EXPORT, ME, {200: HR}),
    R("api-person-erase", "POST", API_ACTION, ME, {409: HR}, body=lambda s: {"confirm": True, "reason": "x"},
      note="not due: still active"),
]
