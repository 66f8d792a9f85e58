"""Notifications: the caller's own settings."""

from .terms import API_DETAIL, PAGE, R, Row, everyone

ROWS: list[Row] = [
    R("notifications:settings", "GET", PAGE, answers=everyone()),
    R("notifications:test", "POST", PAGE, answers=everyone(302), note="a test message to the caller"),
    R("api-notification-settings", "GET", API_DETAIL, answers=everyone()),
]
