"""Page numbers from the query string, bounded so a hostile value never reaches the database."""

from __future__ import annotations

from typing import Any

MAX_PAGE = 100_000


def page_number(value: Any) -> int:
    """``?page=`` as a number from 1 to ``MAX_PAGE``; anything else is page 1."""
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except (TypeError, ValueError, OverflowError):
        return 1
