"""Which flow runs which model: one flow class per model, registered by its module."""

from __future__ import annotations

import keyword
from importlib import import_module

from django.db import models

from .base import Flow

_flows: dict[type[models.Model], type[Flow]] = {}

# One module per flow; each registers itself on import.
FLOW_MODULES = ("person", "objective", "dependency", "cycle", "review", "feedback", "conversation")
# Modules whose signal receivers and tasks must be loaded with the flows.
HOOK_MODULES = ("participants",)


def register(flow_class: type[Flow]) -> type[Flow]:
    _flows[flow_class.model] = flow_class
    return flow_class


def flow_for(model: type[models.Model]) -> type[Flow]:
    try:
        return _flows[model]
    except KeyError:
        raise LookupError(f"no flow is registered for {model.__name__}") from None


def autodiscover() -> None:
    for name in (*FLOW_MODULES, *HOOK_MODULES):
        import_module(f"{__package__}.{name}")


def transition_labels(model: type[models.Model], names: list[str]) -> list[tuple[str, str]]:
    """``[(name, translated label)]`` of a flow's transitions, for buttons."""
    flow = flow_for(model)
    labels = []
    for name in names:
        method = getattr(flow, f"{name}_" if keyword.iskeyword(name) else name, None)
        transitions = list(method.get_transitions()) if method is not None else []
        labels.append((name, str(transitions[0].label) if transitions and transitions[0].label else name))
    return labels
