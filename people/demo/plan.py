"""The demo company planned in memory: units, people, names and dates, decided by the seed alone.

``org.py`` writes the plan to the database; nothing here touches it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import data

MIN_EMPLOYEES = 40  # below this, five levels of units with 3+ reports per manager do not fit
MAX_EMPLOYEES = 150_000  # above this, even the widest fan-out below gives the CEO more than 12 reports
DEPTH = 5  # company → division → department → group → team
# Teams under a group at most (a lead's 12 reports); the fan-out below is how many teams a group has in
# the middle of the range. 8 up to about 45,000 people; a larger company widens it, just enough to keep
# its divisions to ten (the CEO's reports), so smaller companies keep the plan they always had.
BASE_FAN = 8
MAX_DIVISIONS = 10


@dataclass
class UnitPlan:
    name: str
    path: str
    depth: int
    parent: int | None
    division: str
    teams: int
    children: list[int] = field(default_factory=list)
    lead: int = -1


@dataclass
class PersonPlan:
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


def _fan(teams: int) -> int:
    fan = BASE_FAN
    while math.ceil(teams / fan ** (DEPTH - 2)) > MAX_DIVISIONS and fan < 12:
        fan += 1
    return fan


def _child_count(depth: int, teams: int, rng: random.Random, fan: int = BASE_FAN) -> int:
    if depth == DEPTH - 2:  # a group: one child unit per team
        return teams
    levels_below = DEPTH - 1 - depth
    ideal = round(teams ** (1 / levels_below) * rng.uniform(0.8, 1.25))
    # Enough children that no group ends up with more than about a dozen teams.
    needed = math.ceil(teams / fan ** (levels_below - 1))
    count = max(1, needed, min(ideal, 10))
    if depth == 0:
        count = max(count, 2)  # Engineering and People at least
    return min(count, teams)


def _pick(pool: list[str], k: int, rng: random.Random, *, keep_first: bool = False) -> list[str]:
    head = pool[:1] if keep_first else []
    rest = [name for name in pool if name not in head]
    names = head + rng.sample(rest, min(k - len(head), len(rest)))
    return names + [f"{pool[0]} {n}" for n in range(2, k - len(names) + 2)]


def _plan_units(teams: int, rng: random.Random) -> list[UnitPlan]:
    units = [UnitPlan(data.COMPANY, data.COMPANY, 0, None, "", teams)]
    fan = _fan(teams)
    for index, unit in enumerate(units):  # grows as it goes: breadth first, parents before children
        if unit.depth == DEPTH - 1:
            continue
        # No child may hold more teams than its own children can carry at 12 reports a lead.
        cap = 12 * fan ** (DEPTH - 3 - unit.depth) if unit.depth < DEPTH - 2 else 0
        counts = _split(unit.teams, _child_count(unit.depth, unit.teams, rng, fan), rng, cap=cap)
        if unit.depth == 0:
            others = [d for d in data.DIVISIONS if d not in (data.FIRST_DIVISION, data.HR_DIVISION)]
            names = [data.FIRST_DIVISION, *rng.sample(others, len(counts) - 2), data.HR_DIVISION]
        elif unit.depth == 1:
            names = _pick(data.DIVISIONS[unit.division]["departments"], len(counts), rng, keep_first=True)
        else:
            names = _pick(data.GROUP_NAMES if unit.depth == 2 else data.TEAM_NAMES, len(counts), rng)
        for name, count in zip(names, counts, strict=True):
            unit.children.append(len(units))
            units.append(UnitPlan(name, f"{unit.path}/{name}", unit.depth + 1, index,
                                  unit.division or name, count))
    return units


def _plan_managers(units: list[UnitPlan], rng: random.Random) -> list[PersonPlan]:
    """Unit leads, plus staff reporting to a lead wherever the lead would otherwise have under 3 reports."""
    people: list[PersonPlan] = []
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
        people.append(PersonPlan(index, manager, unit.depth, title, "ceo" if unit.depth == 0 else "lead"))
        if unit.depth == DEPTH - 1:
            continue
        staff = max(0, 3 - len(unit.children)) + (1 if unit.depth == 0 or rng.random() < 0.25 else 0)
        staff = min(staff, 12 - len(unit.children))
        for n in range(staff):
            people.append(PersonPlan(index, unit.lead, unit.depth + 1,
                                     staff_titles[n % len(staff_titles)], "staff"))
    return people


def _plan(employees: int, seed: int) -> tuple[list[UnitPlan], list[PersonPlan]]:
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
            people.append(PersonPlan(unit_index, unit.lead, DEPTH, title, "member"))
    return units, people


def _name_everyone(people: list[PersonPlan], today: date, rng: random.Random) -> None:
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


def _fix_demo_logins(units: list[UnitPlan], people: list[PersonPlan], today: date) -> dict[str, int]:
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




def plan_org(employees: int, seed: int, today: date) -> tuple[list[UnitPlan], list[PersonPlan], dict[str, int]]:
    """Units (breadth first), people (each manager before their reports' level) and the demo logins' indexes."""
    if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
        raise ValueError(f"the demo organisation has {MIN_EMPLOYEES}–{MAX_EMPLOYEES} people, not {employees}")
    units, people = _plan(employees, seed)
    _name_everyone(people, today, random.Random(f"{seed}:names"))
    return units, people, _fix_demo_logins(units, people, today)
