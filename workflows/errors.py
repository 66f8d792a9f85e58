class TransitionError(Exception):
    """Base of the runner's refusals."""


class UnknownTransition(TransitionError):
    """The flow has no transition of that name (404 over HTTP)."""


class TransitionForbidden(TransitionError):
    """The caller may see the object but may not run this transition (403)."""


class TransitionConflict(TransitionError):
    """Not allowed in the current state, or lost to a concurrent change (409)."""

    def __init__(self, detail: str, state: str):
        self.detail = detail
        self.state = state
        super().__init__(detail)
