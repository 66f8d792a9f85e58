"""The common ground of every flow: where state lives and what happens when it changes."""

from __future__ import annotations

from typing import Any, ClassVar

import rules
from django.contrib.contenttypes.models import ContentType
from django.db import models
from viewflow.fsm.base import State
from viewflow.utils import DEFAULT

from .models import TransitionLog


class Refusal:
    """A failed condition's result that says why: the runner reports the result's ``message`` (409)."""

    def __init__(self, message: str):
        self.message = message

    def __bool__(self) -> bool:
        return False


def may(perm: str):
    """A transition's ``permission``: the policy's answer for the flow's object (viewflow asks it with the user)."""
    return lambda flow, user: user is not None and rules.has_perm(perm, user, flow.obj)


def flow_state(states: type[models.TextChoices], *, default: str, field: str = "state") -> State:
    """A viewflow State stored in ``obj.<field>`` whose successful transitions save and log."""
    state = State(states, default=default)

    @state.getter()
    def _get(flow: Flow) -> str:
        return getattr(flow.obj, field)

    @state.setter()
    def _set(flow: Flow, value: str) -> None:
        setattr(flow.obj, field, value)

    @state.on_success()
    def _done(flow: Flow, descriptor: Any, source: str, target: str, **data: Any) -> None:
        flow.transition_done(descriptor, source, target, field=field, data=data)

    return state


class Flow:
    """A state machine over one model instance; run it only through ``workflows.runner``."""

    model: ClassVar[type[models.Model]]
    state: ClassVar[State]

    def __init__(self, obj: models.Model, *, by=None, reason: str = ""):
        self.obj = obj
        self.by = by
        self.reason = reason
        self.log: TransitionLog | None = None
        self.extra_update_fields: set[str] = set()

    def follow_up(self, name: str) -> str | None:
        """The transition that follows ``name`` at once, in the same transaction, when one does (system work
        the caller's step makes due: no permission of its own is asked). None by default."""
        return None

    def transition_done(self, descriptor: Any, source: str, target: str, *, field: str, data: dict) -> None:
        """Save the new state (and whatever the transition touched) and write the log, in the runner's atomic block."""
        if target is not DEFAULT:
            fields = {field, *self.extra_update_fields}
            if any(f.name == "updated_at" for f in self.obj._meta.fields):
                fields.add("updated_at")
            self.obj.save(update_fields=sorted(fields))
        self.log = TransitionLog.objects.create(
            content_type=ContentType.objects.get_for_model(type(self.obj)),
            object_id=self.obj.pk,
            transition=descriptor._func.__name__,
            source=str(source),
            target=str(getattr(self.obj, field)),
            by=self.by if getattr(self.by, "is_authenticated", False) else None,
            reason=self.reason,
            data={k: _jsonable(v) for k, v in data.items()},
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    return str(value)
