"""Writes to the transition log outside a transition: only the erasure of personal data uses this."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from .selectors import logs_of


def transition_logs_scrub(*, model: type[models.Model], object_ids: Iterable[int]) -> int:
    """Blank the free text (reasons, transition data) of the objects' log rows; who and when stay."""
    return logs_of(model, object_ids).update(reason="", data={})
