class StateConflict(Exception):
    """A write that the object's current state does not allow, or a lost race (409 with the state)."""

    def __init__(self, detail: str, state: str):
        self.detail = detail
        self.state = state
        super().__init__(detail)


class VersionConflict(StateConflict):
    """A draft save carried another version than the stored one: someone saved in between.

    It carries the stored version and answers, so the caller can show them beside its own unsaved text."""

    def __init__(self, state: str, version: int, answers: list | None = None):
        self.version = version
        self.answers = answers if answers is not None else []
        super().__init__("changed elsewhere", state)
