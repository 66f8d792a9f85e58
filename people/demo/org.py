"""The demo organisation's org chart written to the database: units, accounts, people, the reporting line and
the demo logins' roles, with a fixed number of bulk queries whatever the size (the plan is ``plan.py``'s).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ..models import Person, Unit, User
from ..services import person_lineages_rebuild, role_grant, unit_lineages_rebuild
from . import data
from .plan import DEPTH, plan_org

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
    for unit in all_units:  # the steps read each unit's lead: the people just loaded, not a query per unit
        unit.lead = by_pk.get(unit.lead_id)
    engineering = next(u for u in all_units if u.parent_id == company.pk and u.name == data.FIRST_DIVISION)
    login = {email: everyone[index] for email, index in fixed.items()}
    # The demo logins choose no language: someone trying the demo reads it in their browser's language until they
    # pick one (everyone else keeps the language of their name, as in a real international company).
    Person.objects.filter(pk__in=[person.pk for person in login.values()]).update(locale="")
    for person in login.values():
        person.locale = ""
    org = DemoOrg(seed=seed, today=today, company=company, units=all_units, people=everyone,
                  ceo=login["ceo@example.com"], manager=login["manager@example.com"],
                  employee=login["employee@example.com"], hr=login["hr@example.com"],
                  hrbp=login["hrbp@example.com"], partner_unit=engineering)
    role_grant(user=org.hr.user, role="hr_admin")
    role_grant(user=org.hrbp.user, role="hr_partner", unit=engineering)
    return org
