"""The review services' refusals: conflicts with the current state, and draft saves that lost to another save."""

from workflows.errors import TransitionConflict


class StateConflict(TransitionConflict):
    """A write that the object's current state does not allow, or a lost race: the runner's 409 with the state,
    raised by the review services outside a transition (draft saves, nominations)."""


class VersionConflict(StateConflict):
    """A draft save carried another version than the stored one: someone saved in between.

    It carries the stored version and answers, so the caller can show them beside its own unsaved text."""

    def __init__(self, state: str, version: int, answers: list | None = None):
        self.version = version
        self.answers = answers if answers is not None else []
        super().__init__("changed elsewhere", state)
