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
another. A step whose rows would stop ``--reset`` (a PROTECT foreign key to people or units) registers a
clean-up with ``register_demo_reset``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from . import demo_data as data
from .models import Person, Unit, User
from .services import person_lineages_rebuild, role_grant, unit_lineages_rebuild

DEMO_PASSWORD = "demo"  # noqa: S105 - the published password of every demo login
MIN_EMPLOYEES = 40  # below this, five levels of units with 3+ reports per manager do not fit
MAX_EMPLOYEES = 40_000  # above this, the CEO would have more than 12 reports
DEPTH = 5  # company → division → department → group → team
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
    return [step for order, step in sorted(_steps.values(), key=lambda item: item[0])]


def run_demo_steps(org: DemoOrg) -> None:
    for step in demo_steps():
        step(org, random.Random(f"{org.seed}:{_name(step)}"))


# --- planning: the whole company in memory, decided by the seed alone ------------------------------------


@dataclass
class _UnitPlan:
    name: str
    path: str
    depth: int
    parent: int | None
    division: str
    teams: int
    children: list[int] = field(default_factory=list)
    lead: int = -1


@dataclass
class _PersonPlan:
    unit: int
    manager: int | None
    level: int
    title: str
    role: str  # ceo | lead | staff | member
    full_name: str = ""
    email: str = ""
    locale: str = ""
    hire_date: date | None = None


def _split(total: int, parts: int, rng: random.Random, cap: int = 0) -> list[int]:
    """``total`` split into ``parts`` positive, unequal counts (largest first), none above ``cap`` if given."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    shares = [(total - parts) * w / sum(weights) for w in weights]
    counts = [1 + int(share) for share in shares]
    by_remainder = sorted(range(parts), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    counts.sort(reverse=True)
    while cap and counts[0] > cap:
        counts[0] -= 1
        counts[-1] += 1
        counts.sort(reverse=True)
    return counts


def _child_count(depth: int, teams: int, rng: random.Random) -> int:
    if depth == DEPTH - 2:  # a group: one child unit per team
        return teams
    levels_below = DEPTH - 1 - depth
    ideal = round(teams ** (1 / levels_below) * rng.uniform(0.8, 1.25))
    # Enough children that no group ends up with more than about a dozen teams.
    needed = math.ceil(teams / 8 ** (levels_below - 1))
    count = max(1, needed, min(ideal, 10))
    if depth == 0:
        count = max(count, 2)  # Engineering and People at least
    return min(count, teams)


def _pick(pool: list[str], k: int, rng: random.Random, *, keep_first: bool = False) -> list[str]:
    head = pool[:1] if keep_first else []
    rest = [name for name in pool if name not in head]
    names = head + rng.sample(rest, min(k - len(head), len(rest)))
    return names + [f"{pool[0]} {n}" for n in range(2, k - len(names) + 2)]


def _plan_units(teams: int, rng: random.Random) -> list[_UnitPlan]:
    units = [_UnitPlan(data.COMPANY, data.COMPANY, 0, None, "", teams)]
    for index, unit in enumerate(units):  # grows as it goes: breadth first, parents before children
        if unit.depth == DEPTH - 1:
            continue
        # No child may hold more teams than its own children can carry at 12 reports a lead.
        cap = 12 * 8 ** (DEPTH - 3 - unit.depth) if unit.depth < DEPTH - 2 else 0
        counts = _split(unit.teams, _child_count(unit.depth, unit.teams, rng), rng, cap=cap)
        if unit.depth == 0:
            others = [d for d in data.DIVISIONS if d not in (data.FIRST_DIVISION, data.HR_DIVISION)]
            names = [data.FIRST_DIVISION, *rng.sample(others, len(counts) - 2), data.HR_DIVISION]
        elif unit.depth == 1:
            names = _pick(data.DIVISIONS[unit.division]["departments"], len(counts), rng, keep_first=True)
        else:
            names = _pick(data.GROUP_NAMES if unit.depth == 2 else data.TEAM_NAMES, len(counts), rng)
        for name, count in zip(names, counts, strict=True):
            unit.children.append(len(units))
            units.append(_UnitPlan(name, f"{unit.path}/{name}", unit.depth + 1, index,
                                   unit.division or name, count))
    return units


def _plan_managers(units: list[_UnitPlan], rng: random.Random) -> list[_PersonPlan]:
    """Unit leads, plus staff reporting to a lead wherever the lead would otherwise have under 3 reports."""
    people: list[_PersonPlan] = []
    for index, unit in enumerate(units):
        spec = data.DIVISIONS.get(unit.division, {})
        if unit.depth == 0:
            title, staff_titles = "Chief Executive Officer", data.COMPANY_STAFF
        else:
            title = [spec["head"], data.DEPARTMENT_HEAD.format(name=unit.name), spec["group_lead"],
                     spec["team_lead"]][unit.depth - 1]
            staff_titles = spec["staff"]
        manager = None if unit.parent is None else units[unit.parent].lead
        unit.lead = len(people)
        people.append(_PersonPlan(index, manager, unit.depth, title, "ceo" if unit.depth == 0 else "lead"))
        if unit.depth == DEPTH - 1:
            continue
        staff = max(0, 3 - len(unit.children)) + (1 if unit.depth == 0 or rng.random() < 0.25 else 0)
        staff = min(staff, 12 - len(unit.children))
        for n in range(staff):
            people.append(_PersonPlan(index, unit.lead, unit.depth + 1,
                                      staff_titles[n % len(staff_titles)], "staff"))
    return people


def _plan(employees: int, seed: int) -> tuple[list[_UnitPlan], list[_PersonPlan]]:
    teams = max(2, round(employees / 9))
    for _ in range(500):
        rng = random.Random(f"{seed}:plan:{teams}")
        units = _plan_units(teams, rng)
        people = _plan_managers(units, rng)
        members = employees - len(people)
        if members < 3 * teams and teams > 2:
            teams -= 1
        elif members > 12 * teams:
            teams += 1
        elif members >= 3 * teams:
            break
        else:
            raise ValueError(f"{employees} people are too few for the demo organisation")
    else:
        raise ValueError(f"no demo organisation of {employees} people fits the rules")
    team_indexes = [i for i, unit in enumerate(units) if unit.depth == DEPTH - 1]
    sizes = [rng.randint(3, 12) for _ in team_indexes]
    while sum(sizes) != members:
        i = rng.randrange(len(sizes))
        step = 1 if sum(sizes) < members else -1
        if 3 <= sizes[i] + step <= 12:
            sizes[i] += step
    for unit_index, size in zip(team_indexes, sizes, strict=True):
        unit = units[unit_index]
        titles = data.DIVISIONS[unit.division]["members"]
        for _ in range(size):
            # The first title of each list is the common one: half the team holds it.
            title = titles[0] if rng.random() < 0.4 else rng.choice(titles)
            people.append(_PersonPlan(unit_index, unit.lead, DEPTH, title, "member"))
    return units, people


def _name_everyone(people: list[_PersonPlan], today: date, rng: random.Random) -> None:
    languages = list(data.LANGUAGES.values())
    weights = [language["weight"] for language in languages]
    taken: dict[str, int] = {}
    for person in people:
        language = rng.choices(languages, weights)[0]
        female = rng.random() < 0.5
        first, first_latin = rng.choice(language["female" if female else "male"])
        surname = rng.choice(language["surnames"])
        if len(surname) == 4:  # Russian: (masculine, feminine, Latin masculine, Latin feminine)
            last, last_latin = (surname[1], surname[3]) if female else (surname[0], surname[2])
        else:
            last, last_latin = surname
        person.full_name = {"first last": f"{first} {last}", "last first": f"{last} {first}",
                            "lastfirst": f"{last}{first}"}[language["order"]]
        person.locale = language["locale"]
        local = f"{first_latin}.{last_latin}"
        taken[local] = taken.get(local, 0) + 1
        person.email = f"{local}@example.com" if taken[local] == 1 else f"{local}.{taken[local]}@example.com"
        if person.role == "member" and rng.random() < 0.1:
            days = rng.randint(0, 89)  # still on probation
        else:
            low, high = {"ceo": (8 * 365, 10 * 365), "lead": (365, 9 * 365), "staff": (180, 7 * 365)}.get(
                person.role, (90, 6 * 365))
            days = rng.randint(low, high)
        person.hire_date = today - timedelta(days=days)


def _fix_demo_logins(units: list[_UnitPlan], people: list[_PersonPlan], today: date) -> dict[str, int]:
    """The memorable logins: who they are in the plan (by index)."""

    def first_members(division: str) -> list[int]:
        team = next(i for i, u in enumerate(units) if u.depth == DEPTH - 1 and u.division == division)
        return [i for i, p in enumerate(people) if p.role == "member" and p.unit == team]

    engineers, hr_team = first_members(data.FIRST_DIVISION), first_members(data.HR_DIVISION)
    fixed = {
        "ceo@example.com": 0,
        "manager@example.com": people[engineers[0]].manager,
        "employee@example.com": engineers[0],
        "hr@example.com": hr_team[0],
        "hrbp@example.com": hr_team[1],
    }
    for email, index in fixed.items():
        people[index].email = email
    people[fixed["hr@example.com"]].title = "HR Administrator"
    people[fixed["hrbp@example.com"]].title = "HR Business Partner"
    for email in ("manager@example.com", "employee@example.com"):
        person = people[fixed[email]]
        if (today - person.hire_date).days < 2 * 365:  # past probation: part of every review cycle
            person.hire_date = today - timedelta(days=2 * 365 + 30)
    return fixed


# --- writing: a fixed number of bulk queries, whatever the size ------------------------------------------


@transaction.atomic
def seed_org(*, employees: int, seed: int, today: date | None = None) -> DemoOrg:
    """Create the demo company; the same ``seed`` (and day) gives the same names, titles and structure."""
    if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
        raise ValueError(f"the demo organisation has {MIN_EMPLOYEES}–{MAX_EMPLOYEES} people, not {employees}")
    today = today or timezone.localdate()
    units, people = _plan(employees, seed)
    _name_everyone(people, today, random.Random(f"{seed}:names"))
    fixed = _fix_demo_logins(units, people, today)

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
    org = DemoOrg(seed=seed, today=today, company=company, units=all_units, people=everyone,
                  **{email.split("@")[0]: everyone[index] for email, index in fixed.items()},
                  partner_unit=engineering)
    role_grant(user=org.hr.user, role="hr_admin")
    role_grant(user=org.hrbp.user, role="hr_partner", unit=engineering)
    return org


@transaction.atomic
def org_delete() -> int:
    """Delete every person and unit and every account but superusers' (for ``seed_demo --reset``)."""
    for reset in reversed(list(_resets.values())):
        reset()
    count = Person.objects.count()
    # The reporting line and the unit tree protect their own rows: cut them first, then delete in bulk.
    Unit.objects.update(lead=None, parent=None)
    Person.objects.update(manager=None)
    Person.objects.all().delete()
    Unit.objects.all().delete()
    User.objects.filter(is_superuser=False).delete()
    return count
