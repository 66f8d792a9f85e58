"""The one way any state changes: lock, check, run, save, log, notify — in one transaction."""

from __future__ import annotations

import inspect
import keyword
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from viewflow.fsm.base import TransitionMethod

from common.bulk import bulk_insert
from common.signals import transition_committed

from .base import Flow
from .errors import TransitionConflict, TransitionForbidden, UnknownTransition
from .models import TransitionLog
from .registry import flow_for


def api_name(method_name: str) -> str:
    """A transition named after a Python keyword is the method ``return_``; callers know it as ``return``."""
    stem = method_name[:-1]
    return stem if method_name.endswith("_") and keyword.iskeyword(stem) else method_name


def transition_names(flow_class: type[Flow]) -> list[str]:
    return sorted(
        api_name(name) for name, attr in inspect.getmembers(flow_class) if isinstance(attr, TransitionMethod)
    )


def state_label(model: type[models.Model], state: str) -> str:
    """The state as people read it (its translated choice label), for refusals shown on pages."""
    try:
        choices = dict(model._meta.get_field("state").flatchoices)
    except FieldDoesNotExist:  # a flow over a model without a ``state`` field: the value is all there is
        return state
    return str(choices.get(state, state))


def available_transitions(obj: models.Model, user) -> list[str]:
    """Names of the transitions ``user`` may run on ``obj`` now (state, conditions and permission).

    The flow knows its caller, as when the runner runs it, so a condition about the caller's own part
    (a side that has already acknowledged) answers the same in both places."""
    flow = flow_for(type(obj))(obj, by=user)
    state = flow_for(type(obj)).state
    return sorted(api_name(t.slug) for t in state.get_available_transitions(flow, flow.state, user))


def _method(flow: Flow, name: str):
    if keyword.iskeyword(name):
        name = f"{name}_"
    if name.startswith("_") or not isinstance(getattr(type(flow), name, None), TransitionMethod):
        raise UnknownTransition(f"{type(flow).__name__} has no transition {name!r}")
    return getattr(flow, name)


def run_transition(obj: models.Model, name: str, *, by, reason: str = "", **data: Any) -> models.Model:
    """Run transition ``name`` on ``obj`` as ``by``; returns the fresh, updated object.

    The row is locked first, so of two concurrent calls one runs and the other then sees the new
    state and gets TransitionConflict. Permission is checked here because viewflow does not check
    it when a transition method is called. Validation errors raised by the transition roll back.
    """
    model = type(obj)
    flow_class = flow_for(model)
    with transaction.atomic():
        try:
            locked = model._default_manager.select_for_update().get(pk=obj.pk)
        except model.DoesNotExist:
            raise TransitionConflict("the object no longer exists", state="") from None
        flow = flow_class(locked, by=by, reason=reason)
        method = _method(flow, name)
        transitions = list(method.get_transitions())
        if not any(t.has_perm(flow, by) for t in transitions):
            raise TransitionForbidden(f"you may not {name.replace('_', ' ')} this {model._meta.verbose_name}")
        current = flow.state
        transition = method._descriptor.get_transition(current)
        if transition is None:
            raise TransitionConflict(f"{name!r} is not allowed in state {current!r}", state=str(current),
                                     label=state_label(model, str(current)), step_closed=True)
        unmet = transition.get_unmet_condition(flow)
        if unmet is not None:
            message = getattr(unmet[1], "message", "") or f"{name!r} cannot run now"
            raise TransitionConflict(message, state=str(current), label=state_label(model, str(current)))
        if not transition.has_perm(flow, by):
            raise TransitionForbidden(f"you may not {name.replace('_', ' ')} this {model._meta.verbose_name}")
        method(**data)
        _committed(model, locked, name, flow.log, str(current), by=by, reason=reason)
        follow = flow.follow_up(name)
        if follow is not None:
            then = flow_class(locked, by=by, reason=reason)
            source = then.state
            _method(then, follow)()
            _committed(model, locked, follow, then.log, str(source), by=by, reason=reason)
    return locked


def _committed(model, obj, name: str, log, current: str, *, by, reason: str) -> None:
    transaction.on_commit(
        lambda: transition_committed.send(
            sender=model, obj=obj, transition=name, source=log.source if log else current,
            target=log.target if log else current, by=by, reason=reason, bulk=False, object_ids=[obj.pk],
        )
    )


def run_bulk_transition(
    model: type[models.Model],
    name: str,
    queryset: models.QuerySet,
    *,
    by,
    reason: str = "",
    update: dict[str, Any] | None = None,
) -> list[int]:
    """Move every row of ``queryset`` that is in a source state of ``name`` to its target, set-based.

    For system-wide moves (a cycle phase carrying its reviews along, an import deactivating people):
    the caller has checked the permission for the whole operation. One UPDATE per source state, one
    bulk insert of log rows. Returns the ids that moved.
    """
    flow_class = flow_for(model)
    method = getattr(flow_class, name, None)
    if not isinstance(method, TransitionMethod):
        raise UnknownTransition(f"{flow_class.__name__} has no transition {name!r}")
    if any(not isinstance(t.target, str) for t in method.get_transitions()):
        # A target computed per object cannot be one UPDATE per source state.
        raise ValueError(f"{name!r} has no fixed target: run it one object at a time")
    content_type = ContentType.objects.get_for_model(model)
    moved: list[int] = []
    now = timezone.now()
    targets = {str(t.source): str(t.target) for t in method.get_transitions()}
    with transaction.atomic():
        # One locking read finds every row in any source state; then one UPDATE per source actually present.
        rows = list(
            queryset.filter(state__in=list(targets)).select_for_update().values_list("pk", "state").order_by("pk")
        )
        by_source: dict[str, list[int]] = {}
        for pk, state in rows:
            by_source.setdefault(state, []).append(pk)
        by_id = by.pk if getattr(by, "is_authenticated", False) else None
        logs: list[dict[str, Any]] = []
        for source, ids in by_source.items():
            target = targets[source]
            for chunk in _chunks(ids, 5000):
                model._default_manager.filter(pk__in=chunk, state=source).update(state=target, **(update or {}))
            logs.extend(
                {"content_type_id": content_type.pk, "object_id": pk, "transition": name, "source": source,
                 "target": target, "by_id": by_id, "reason": reason, "data": {}, "at": now}
                for pk in ids
            )
            moved.extend(ids)
        # Thousands of log rows in one statement: model instances would cost ~0.1 ms each in Python.
        for chunk in _chunks(logs, 20000):
            bulk_insert(TransitionLog, chunk)
        if moved:
            transaction.on_commit(
                lambda: transition_committed.send(
                    sender=model, obj=None, transition=name, source="", target="", by=by, reason=reason,
                    bulk=True, object_ids=moved,
                )
            )
    return moved


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
