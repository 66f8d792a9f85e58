class StateConflict(Exception):
    """A write that the object's current state does not allow, or a lost race (409 with the state)."""

    def __init__(self, detail: str, state: str):
        self.detail = detail
        self.state = state
        super().__init__(detail)


class VersionConflict(StateConflict):
    """A draft save carried an older version than the stored one: someone saved in between."""

    def __init__(self, state: str, version: int):
        self.version = version
        super().__init__("changed elsewhere", state)
