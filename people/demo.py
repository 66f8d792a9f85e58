"""The demo organisation: a believable company, the same one for the same seed.

``seed_org`` lays out the org chart (units five levels deep, a reporting line where every manager has 3–12
reports, names in several scripts, the fixed demo logins) with a handful of bulk queries. Other apps add
their own demo data (OKRs, a review cycle in progress) without touching this module: a ``demo.py`` in any
installed app registers its steps,

    from people.demo import register_demo_step

    @register_demo_step(order=200)
    def okrs(org: DemoOrg, rng: random.Random) -> None: ...

and ``manage.py seed_demo`` runs them in order after the org chart is in place. Each step gets its own
``random.Random`` derived from the seed and the step's name, so adding a step never changes the data of
another. ``seed_demo --reset`` clears every table of this project whose rows hang on people or units (by a
cascading or protecting foreign key); a step whose rows should go too without such a link (a review cycle)
registers a clean-up with ``register_demo_reset``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from graphlib import TopologicalSorter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from . import demo_data as data
from .demo_plan import DEPTH, MAX_EMPLOYEES, MIN_EMPLOYEES, plan_org
from .models import Person, Unit, User
from .services import person_lineages_rebuild, role_grant, unit_lineages_rebuild

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "MAX_EMPLOYEES", "MIN_EMPLOYEES", "DemoOrg", "demo_steps", "org_delete",
           "register_demo_reset", "register_demo_step", "run_demo_steps", "seed_org"]

DEMO_PASSWORD = "demo"  # noqa: S105 - the published password of every demo login
DEMO_LOGINS: list[tuple[str, str]] = [
    ("ceo@example.com", "CEO: the top of the organisation"),
    ("hr@example.com", "HR admin: configures cycles, sees everything"),
    ("hrbp@example.com", f"HR business partner of {data.FIRST_DIVISION}"),
    ("manager@example.com", f"manager: leads a team in {data.FIRST_DIVISION}"),
    ("employee@example.com", "employee: reports to manager@example.com"),
]


@dataclass
class DemoOrg:
    """What the demo steps build on; units and people are in creation order (top down)."""

    seed: int
    today: date
    company: Unit
    units: list[Unit]
    people: list[Person]
    ceo: Person
    manager: Person
    employee: Person
    hr: Person
    hrbp: Person
    partner_unit: Unit

    @property
    def teams(self) -> list[Unit]:
        return [unit for unit in self.units if unit.kind == Unit.Kind.TEAM]


DemoStep = Callable[[DemoOrg, random.Random], None]
_steps: dict[str, tuple[int, DemoStep]] = {}
_resets: dict[str, Callable[[], None]] = {}


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


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


# --- writing: a fixed number of bulk queries, whatever the size ------------------------------------------


@transaction.atomic
def seed_org(*, employees: int, seed: int, today: date | None = None) -> DemoOrg:
    """Create the demo company; the same ``seed`` (and day) gives the same names, titles and structure."""
    today = today or timezone.localdate()
    units, people, fixed = plan_org(employees, seed, today)

    unit_rows: list[Unit] = []
    for depth in range(DEPTH):
        level = [(i, u) for i, u in enumerate(units) if u.depth == depth]
        created = Unit.objects.bulk_create(
            [Unit(name=u.name, path=u.path, parent=unit_rows[u.parent] if u.parent is not None else None,
                  kind=Unit.Kind.COMPANY if depth == 0 else Unit.Kind.TEAM if depth == DEPTH - 1 else Unit.Kind.UNIT)
             for _, u in level],
            batch_size=1000,
        )
        unit_rows.extend(created)  # breadth-first plan: list position == plan index

    # Hashing is deliberately slow: once for everyone, not once per person.
    password = make_password(DEMO_PASSWORD)
    users = User.objects.bulk_create([User(email=p.email, password=password) for p in people], batch_size=1000)
    # One insert per reporting level, managers before their reports, so no second pass for the manager column.
    rows: list[Person | None] = [None] * len(people)
    for level in range(DEPTH + 1):
        indexes = [i for i, p in enumerate(people) if p.level == level]
        created = Person.objects.bulk_create(
            [Person(user=users[i], full_name=people[i].full_name, title=people[i].title, unit=unit_rows[people[i].unit],
                    manager=rows[people[i].manager] if people[i].manager is not None else None,
                    hire_date=people[i].hire_date, locale=people[i].locale) for i in indexes],
            batch_size=1000,
        )
        for i, row in zip(indexes, created, strict=True):
            rows[i] = row
    for unit, plan in zip(unit_rows, units, strict=True):
        unit.lead = rows[plan.lead]
    Unit.objects.bulk_update(unit_rows, ["lead"], batch_size=1000)
    unit_lineages_rebuild()
    person_lineages_rebuild()

    company = Unit.objects.get(pk=unit_rows[0].pk)
    all_units = list(Unit.objects.filter(lineage__startswith=company.lineage).order_by("pk"))
    by_pk = {row.pk: row for row in Person.objects.filter(unit__lineage__startswith=company.lineage)
             .select_related("user", "unit")}
    everyone = [by_pk[row.pk] for row in rows]
    engineering = next(u for u in all_units if u.parent_id == company.pk and u.name == data.FIRST_DIVISION)
    login = {email: everyone[index] for email, index in fixed.items()}
    org = DemoOrg(seed=seed, today=today, company=company, units=all_units, people=everyone,
                  ceo=login["ceo@example.com"], manager=login["manager@example.com"],
                  employee=login["employee@example.com"], hr=login["hr@example.com"],
                  hrbp=login["hrbp@example.com"], partner_unit=engineering)
    role_grant(user=org.hr.user, role="hr_admin")
    role_grant(user=org.hrbp.user, role="hr_partner", unit=engineering)
    return org


@transaction.atomic
def org_delete() -> int:
    """Delete every person and unit, every row of this project that cannot outlive them (OKRs, reviews, …),
    and every account but superusers' (for ``seed_demo --reset``). Answers how many people there were."""
    for reset in reversed(list(_resets.values())):
        reset()
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
