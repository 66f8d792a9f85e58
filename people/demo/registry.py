"""The demo steps other apps add to ``seed_demo``, and the clean-ups ``seed_demo --reset`` runs first."""

from __future__ import annotations

import random
from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

from .org import DemoOrg

DemoStep = Callable[[DemoOrg, random.Random], None]
_steps: dict[str, tuple[int, DemoStep]] = {}
_resets: dict[str, Callable[[], None]] = {}


def _name(fn: Callable) -> str:
    """``<app>.demo.<function>``, whichever module of the app's ``demo`` package defines it: the step's key
    and the name its random stream is derived from, so moving a step inside the package keeps its data."""
    head, inside, _ = fn.__module__.partition(".demo.")
    return f"{head + '.demo' if inside else fn.__module__}.{fn.__qualname__}"


def register_demo_step(fn: DemoStep | None = None, *, order: int = 100):
    """Add a step to ``seed_demo``: ``fn(org, rng)`` runs after the org chart, lower ``order`` first.

    Works as ``@register_demo_step`` or ``@register_demo_step(order=…)``; registering again replaces.
    """

    def add(step: DemoStep) -> DemoStep:
        _steps[_name(step)] = (order, step)
        return step

    return add(fn) if fn is not None else add


def register_demo_reset(fn: Callable[[], None]) -> Callable[[], None]:
    """Add a clean-up that ``org_delete`` runs (last registered first) before it deletes people and units."""
    _resets[_name(fn)] = fn
    return fn


def demo_steps() -> list[DemoStep]:
    autodiscover_modules("demo")
    return [step for _, step in sorted(_steps.values(), key=lambda item: item[0])]


def run_demo_steps(org: DemoOrg) -> None:
    for step in demo_steps():
        step(org, random.Random(f"{org.seed}:{_name(step)}"))


def run_demo_resets() -> None:
    """The registered clean-ups, last registered first (``org_delete`` runs them before anything else)."""
    for reset in reversed(list(_resets.values())):
        reset()
