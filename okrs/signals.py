"""Keep the current and next year's periods present as time goes on (after every ``migrate``)."""

from __future__ import annotations

from django.utils import timezone


def ensure_periods_after_migrate(sender, *, apps=None, using: str = "default", **kwargs) -> None:
    from .services.periods import periods_ensure

    try:
        model = apps.get_model("okrs", "Period") if apps is not None else None
    except LookupError:  # migrating backwards to before the table existed
        return
    year = timezone.localdate().year
    for y in (year, year + 1):
        periods_ensure(y, model=model, using=using)
