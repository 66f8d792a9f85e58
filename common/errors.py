"""The refusals every layer shares. Services raise them; the API's handler and the pages' refusal answer them.

``PermissionDenied`` (Django's) is the 403, ``Http404`` the 404 and ``ValidationError`` the 400: those need
no class of ours. What Django lacks is the conflict: an action the object's current state does not allow,
or one that lost to a concurrent change (409, with the state the object is in now).
"""

from __future__ import annotations


class Conflict(Exception):
    """Not allowed in the current state, or lost to a concurrent change (409 with ``state``).

    ``detail`` is written for API callers; ``label`` is the state as people read it, and ``step_closed``
    says the whole step is over (rather than a condition unmet), so a page can say so in plain words."""

    def __init__(self, detail: str, state: str = "", *, label: str = "", step_closed: bool = False):
        self.detail = detail
        self.state = state
        self.label = label or state
        self.step_closed = step_closed
        super().__init__(detail)


class VersionConflict(Conflict):
    """A draft save carried another version than the stored one: someone saved in between.

    It carries the stored version and content, so the caller can show them beside its own unsaved text."""

    def __init__(self, state: str, version: int, answers: list | None = None):
        self.version = version
        self.answers = answers if answers is not None else []
        super().__init__("changed elsewhere", state)
