"""Writes to the transition log outside a transition: the erasure of personal data, and deleting the log of data
that is deleted itself (the demo's reset, the benchmark's cycles)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from .selectors import logs_of


def transition_logs_scrub(*, model: type[models.Model], object_ids: Iterable[int]) -> int:
    """Blank the free text (reasons, transition data) of the objects' log rows; who and when stay."""
    return logs_of(model, object_ids).update(reason="", data={})


def transition_logs_delete(*, model: type[models.Model], object_ids: Iterable[int] | None = None) -> int:
    """Delete the log rows of ``model``'s objects (all of them without ``object_ids``): for data that is itself
    deleted, such as a benchmark's cycles or the demo's reset."""
    return logs_of(model, object_ids).delete()[0]
