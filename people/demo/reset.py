"""``seed_demo --reset``: every person, unit and account (superusers' aside) deleted, with every row of this
project that hangs on them."""

from __future__ import annotations

from graphlib import TopologicalSorter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from ..models import Person, Unit, User
from .registry import run_demo_resets


@transaction.atomic
def org_delete() -> int:
    """Delete every person and unit, every row of this project that cannot outlive them (OKRs, reviews, …),
    and every account but superusers' (for ``seed_demo --reset``). Answers how many people there were."""
    run_demo_resets()
    count = Person.objects.count()
    tables, nullable_links = _org_tables()
    # The reporting line, the unit tree and links such as an objective's owner protect rows that go too:
    # cut them first (whole tables are going, so nothing is left dangling), then delete table by table.
    for model, names in nullable_links.items():
        model._default_manager.update(**dict.fromkeys(names))
    for model in tables:
        model._default_manager.all().delete()
    User.objects.filter(is_superuser=False).delete()
    return count


_HOLDS = (models.CASCADE, models.PROTECT, models.RESTRICT)


def _org_tables() -> tuple[list[type[models.Model]], dict[type[models.Model], list[str]]]:
    """This project's tables whose every row hangs on a person or a unit (by a foreign key that cascades or
    protects, at any distance), dependents first; and their nullable protecting links."""
    ours = [m for m in apps.get_models(include_auto_created=True) if _is_ours(m)]
    # Not accounts: their group memberships and grants would go for superusers too.
    reached: set[type[models.Model]] = {Person, Unit}
    grown = True
    while grown:
        grown = False
        for model in ours:
            if model not in reached and any(f.related_model in reached for f in _holding_links(model)):
                reached.add(model)
                grown = True
    nullable: dict[type[models.Model], list[str]] = {}
    order: dict[type[models.Model], set[type[models.Model]]] = {model: set() for model in reached}
    for model in reached:
        for link in _holding_links(model):
            if link.related_model not in reached or link.remote_field.on_delete is models.CASCADE:
                continue
            if link.null:
                nullable.setdefault(model, []).append(link.name)
            else:
                order[link.related_model].add(model)  # the protected table goes after the one protecting it
    return list(TopologicalSorter(order).static_order()), nullable


def _holding_links(model: type[models.Model]) -> list[models.ForeignKey]:
    return [f for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.remote_field.on_delete in _HOLDS]


def _is_ours(model: type[models.Model]) -> bool:
    path = Path(model._meta.app_config.path).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and "site-packages" not in path.parts
