"""The seam for the writing coach (the rules of issue 18: vague, personality, gendered, absolute, mismatch,
too short), which is not built yet.

The forms of this app ask ``findings(text, language=…)`` for what to show beside a praise, a piece of
feedback, an ask's question or a note while it is written, and render whatever comes back. Nothing is
registered today, so the answer is always an empty list: no rule runs yet. The coach, wherever it lands
(it judges review answers too, so above this app in the import order), plugs itself in at start-up with
``register(func)`` from its ``AppConfig.ready``, the way the OKR coach adds its field to the goals API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict


class Finding(TypedDict):
    rule: str
    message: str
    start: int
    end: int


Coach = Callable[..., list[Finding]]
_coach: list[Coach] = []


def register(func: Coach) -> Coach:
    """``func(text, *, language, rating=None) -> [Finding]``: the one coach every form here asks."""
    _coach[:] = [func]
    return func


def findings(text: str, *, language: str | None = None) -> list[Finding]:
    """The coach's findings on ``text``; [] while no coach is registered."""
    if not _coach or not (text or "").strip():
        return []
    return list(_coach[0](text, language=language))
