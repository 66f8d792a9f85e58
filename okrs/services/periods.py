"""Periods: the quarters and halves of a year, created on demand and after every migrate."""

from __future__ import annotations

import datetime as dt

from django.db import models


def period_specs(year: int) -> list[dict]:
    """The four quarters and two halves of ``year`` as field dicts (code, kind, start, end)."""
    specs = []
    for q in range(4):
        start = dt.date(year, 3 * q + 1, 1)
        end = (dt.date(year + 1, 1, 1) if q == 3 else dt.date(year, 3 * q + 4, 1)) - dt.timedelta(days=1)
        specs.append({"code": f"{year}-Q{q + 1}", "kind": "quarter", "start": start, "end": end})
    specs.append({"code": f"{year}-H1", "kind": "half", "start": dt.date(year, 1, 1), "end": dt.date(year, 6, 30)})
    specs.append({"code": f"{year}-H2", "kind": "half", "start": dt.date(year, 7, 1), "end": dt.date(year, 12, 31)})
    return specs


def periods_ensure(year: int, *, model: type[models.Model] | None = None, using: str = "default") -> int:
    """Create whichever of ``year``'s quarters and halves are missing; returns how many were created.

    ``model`` lets a data migration pass its historical Period model.
    """
    if model is None:
        from okrs.models import Period as model
    specs = period_specs(year)
    existing = set(model._default_manager.using(using).filter(code__in=[s["code"] for s in specs])
                   .values_list("code", flat=True))
    missing = [model(**s) for s in specs if s["code"] not in existing]
    model._default_manager.using(using).bulk_create(missing, ignore_conflicts=True)
    return len(missing)
