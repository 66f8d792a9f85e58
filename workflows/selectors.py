"""Reads of the transition log: the one place outside the runner that queries ``TransitionLog``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery

from .models import TransitionLog


def logs_of(model: type[models.Model], object_ids: Iterable[int] | None = None, *,
            transition: str = "") -> QuerySet[TransitionLog]:
    """The log rows of ``model``'s objects (of those ids when given; of one transition when named)."""
    rows = TransitionLog.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if object_ids is not None:
        # A queryset of ids stays a subquery: erasing thousands of reviews needs no list of them.
        rows = rows.filter(object_id__in=object_ids if isinstance(object_ids, QuerySet) else list(object_ids))
    return rows.filter(transition=transition) if transition else rows


def logs_by(user_id: int | None) -> QuerySet[TransitionLog]:
    """The changes one account made, oldest first."""
    return TransitionLog.objects.filter(by_id=user_id).order_by("at")


def last_transition_at(model: type[models.Model], transition: str) -> Subquery:
    """When each outer row of ``model`` last went through ``transition`` (an annotation)."""
    return Subquery(TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"), transition=transition,
    ).order_by("-at").values("at")[:1])


def who_did(model: type[models.Model], object_ids: Iterable[int], transition: str) -> dict[int, list[dict[str, Any]]]:
    """Who ran ``transition`` on each object, and when, oldest first: one query for all the objects."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in logs_of(model, object_ids, transition=transition).select_related("by__person").order_by("at"):
        who = getattr(getattr(row.by, "person", None), "full_name", "") or str(row.by or "")
        found[row.object_id].append({"who": who, "at": row.at})
    return found
