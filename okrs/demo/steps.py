"""Demo OKRs: company, unit and team objectives cascaded down the org chart, one personal objective per
person, twelve check-ins per key result, contribution requests, development goals and weekly boards.

Set-based: one bulk insert per cascade level (objectives, then their key results), the check-ins in one
COPY on PostgreSQL (bulk inserts elsewhere), and the states moved with the runner's bulk transitions so the
transition log tells the same story. Stored progress and scores are computed with ``okrs.scoring`` from
the check-ins generated, so they equal a recomputation (``selectors.scores_from_rows``).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from people.demo import DemoOrg, register_demo_step
from people.models import Person, Unit
from workflows.runner import run_bulk_transition, run_transition

from .. import scoring
from ..models import CheckIn, Dependency, DevelopmentGoal, KeyResult, Objective, Period, WeeklyPlan
from ..services import periods_ensure, week_start
from . import texts
from .copy import COPY_NULL, copy_insert, copy_text

S = Objective.State
CHECK_INS = 12
# The path through ObjectiveFlow to each state, as bulk transitions.
PATH = {S.DRAFT: [], S.PROPOSED: ["submit"], S.AGREED: ["submit", "agree"],
        S.ACTIVE: ["submit", "agree", "activate"], S.CLOSED: ["submit", "agree", "activate", "close"]}


def _lang(person: Person | None) -> str:
    return person.locale if person is not None and person.locale in ("ru", "zh-hans") else "en"


def _quarter(day: dt.date) -> Period:
    periods_ensure(day.year)
    return Period.objects.get(code=f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def _state(rng: random.Random, shares: tuple[float, float, float]) -> str:
    r = rng.random()
    active, agreed, proposed = shares
    if r < active:
        return S.ACTIVE
    if r < active + agreed:
        return S.AGREED
    return S.PROPOSED if r < active + agreed + proposed else S.DRAFT


def _rounded(value: float, kr: KeyResult) -> Decimal:
    """Counts and milestones are whole numbers; measures (%, hours, seconds) keep one decimal place."""
    if kr.kind == KeyResult.Kind.MILESTONE or not kr.unit_label or abs(float(kr.target) - float(kr.start)) >= 50:
        return Decimal(round(value))
    return Decimal(str(round(value, 1)))


class _Builder:
    def __init__(self, org: DemoOrg, rng: random.Random):
        self.org, self.rng = org, rng
        self.period = _quarter(org.today)
        self.previous = _quarter(self.period.start - dt.timedelta(days=1))
        self.objectives: list[Objective] = []
        self.targets: dict[int, str] = {}  # objective pk → the state to reach
        self.check_ins: list[tuple] = []
        self.members: dict[int, list[Person]] = {}
        for person in org.people:
            self.members.setdefault(person.unit_id, []).append(person)

    def timeline(self, period: Period, n: int) -> list[dt.datetime]:
        """``n`` moments spread from the period's start to yesterday (or its end), oldest first."""
        first = timezone.make_aware(dt.datetime.combine(period.start + dt.timedelta(days=2), dt.time(9)))
        last_day = min(self.org.today - dt.timedelta(days=1), period.end)
        last = max(first, timezone.make_aware(dt.datetime.combine(last_day, dt.time(16))))
        step = (last - first) / max(n - 1, 1)
        return [first + step * i for i in range(n)]

    def series(self, kr: KeyResult, aim: float, moments: list[dt.datetime], lang: str) -> None:
        """A believable run of check-ins towards ``aim`` (a share of the way); sets the key result's stored values."""
        rng, start, target = self.rng, float(kr.start), float(kr.target)
        curve, confidence0 = rng.uniform(0.7, 1.5), rng.randint(5, 7)
        done_at = rng.randint(len(moments) // 2, len(moments) - 1) if aim >= 0.75 else len(moments)
        rows = []
        for i, when in enumerate(moments):
            share = ((i + 1) / len(moments)) ** curve
            if kr.kind == KeyResult.Kind.BOOLEAN:
                value = Decimal(1 if i >= done_at else 0)
            else:
                raw = start + (target - start) * min(1.0, max(0.0, aim * share + rng.gauss(0, 0.02)))
                value = _rounded(raw, kr)
            drift = confidence0 + (aim * 10 - confidence0) * (i + 1) / len(moments)
            confidence = max(0, min(10, round(drift + rng.gauss(0, 0.8))))
            note = rng.choice(texts.NOTES[lang]) if rng.random() < 0.3 else ""
            rows.append((value, confidence, note, when))
        kr.current, kr.confidence = rows[-1][0], rows[-1][1]
        kr.progress = scoring.progress(kr.kind, kr.start, kr.target, kr.current)
        kr._demo_rows = rows

    def add(self, level: str, template, *, period: Period, unit: Unit | None, owner: Person | None,
            parents: list[KeyResult], state: str, private: bool = False) -> tuple[Objective, list[KeyResult]]:
        # Company objectives speak the company's working language; the others their owner's.
        lang = "en" if level == Objective.Level.COMPANY else _lang(owner)
        title, krs = template
        objective = Objective(
            title=title[lang].format(unit=unit.name if unit else ""), level=level, unit=unit, owner=owner,
            period=period, parent_key_result=self.rng.choice(parents) if parents else None, private=private,
            created_by=owner,
        )
        team = self.members.get(unit.pk, []) if unit is not None else []
        key_results = []
        for position, (kr_title, kind, start, target, label) in enumerate(krs):
            kr_owner = owner if position == 0 or not team else self.rng.choice(team)
            key_results.append(KeyResult(
                title=kr_title[lang], kind=kind, start=Decimal(str(start)), target=Decimal(str(target)),
                current=Decimal(str(start)), unit_label=label, owner=kr_owner, position=position, confidence=5,
            ))
        objective._demo = (state, key_results, lang)
        return objective, key_results

    def save_level(self, pairs: list[tuple[Objective, list[KeyResult]]]) -> list[KeyResult]:
        """Insert one cascade level: check-in series first (they decide the stored scores), then the rows."""
        rng = self.rng
        for objective, krs in pairs:
            state, _, lang = objective._demo
            if state in (S.ACTIVE, S.CLOSED):
                # Most land in the middle, some fall behind, some get there; the company's own do well.
                r = rng.random() if objective.level != Objective.Level.COMPANY else rng.uniform(0.5, 1)
                aim = rng.uniform(0.05, 0.3) if r < 0.15 else rng.uniform(0.3, 0.7) if r < 0.7 else rng.uniform(0.7, 1)
                moments = self.timeline(objective.period, CHECK_INS if state == S.ACTIVE else 3)
                for kr in krs:
                    self.series(kr, max(0.0, min(1.0, aim + rng.gauss(0, 0.12))), moments, lang)
                    if state == S.CLOSED:
                        kr.grade = kr.progress
            objective.score = scoring.score((kr.progress, kr.weight) for kr in krs)
        created = copy_insert(Objective, [o for o, _ in pairs])
        all_krs = []
        for objective, krs in pairs:
            self.targets[objective.pk] = objective._demo[0]
            for kr in krs:
                kr.objective = objective
                all_krs.append(kr)
        copy_insert(KeyResult, all_krs)
        for kr in all_krs:
            for value, confidence, note, when in getattr(kr, "_demo_rows", ()):
                self.check_ins.append((kr.pk, value, confidence, note, kr.owner_id, when))
        self.objectives.extend(created)
        return all_krs

    def run(self) -> None:
        org, rng = self.org, self.rng
        # Last quarter, closed and graded: the company and its divisions.
        old = self.save_level([self.add(Objective.Level.COMPANY, template, period=self.previous, unit=org.company,
                                        owner=org.ceo, parents=[], state=S.CLOSED) for template in texts.COMPANY])
        divisions = [u for u in org.units if u.depth == 1]
        self.save_level([self.add(Objective.Level.UNIT, rng.choice(texts.UNIT), period=self.previous, unit=u,
                                  owner=u.lead, parents=old, state=S.CLOSED) for u in divisions])
        # This quarter, from the company down; each level serves key results of the level above.
        krs_of_unit = {org.company.pk: self.save_level([
            self.add(Objective.Level.COMPANY, template, period=self.period, unit=org.company, owner=org.ceo,
                     parents=[], state=S.ACTIVE) for template in texts.COMPANY])}
        fixed_units = {org.manager.unit_id, org.employee.unit_id}
        for depth in range(1, max(u.depth for u in org.units) + 1):
            pairs = []
            for unit in (u for u in org.units if u.depth == depth):
                level = Objective.Level.TEAM if unit.kind == Unit.Kind.TEAM else Objective.Level.UNIT
                parents = krs_of_unit.get(unit.parent_id, [])
                for template in rng.sample(texts.UNIT, 2):
                    state = S.ACTIVE if unit.pk in fixed_units else _state(rng, (0.85, 0.08, 0.04))
                    pairs.append(self.add(level, template, period=self.period, unit=unit, owner=unit.lead,
                                          parents=parents, state=state))
            saved = self.save_level(pairs)
            for kr in saved:
                krs_of_unit.setdefault(kr.objective.unit_id, []).append(kr)
        fixed = {org.employee.pk, org.manager.pk, org.ceo.pk, org.hr.pk, org.hrbp.pk}
        self.save_level([
            self.add(Objective.Level.PERSONAL, rng.choice(texts.PERSONAL), period=self.period, unit=None, owner=p,
                     parents=krs_of_unit.get(p.unit_id, []),
                     state=S.ACTIVE if p.pk in fixed else _state(rng, (0.78, 0.08, 0.07)),
                     private=p.pk not in fixed and rng.random() < 0.05)
            for p in org.people
        ])
        self.save_level([self.add(Objective.Level.PERSONAL, rng.choice(texts.PERSONAL), period=self.previous,
                                  unit=None, owner=p, parents=[], state=S.CLOSED)
                         for p in org.people if p.pk in fixed])
        self.write_check_ins()
        self.move_states()
        self.dependencies(krs_of_unit)
        self.development_goals()
        self.boards()
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses from empty tables and the first pages scan what they need not.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE okrs_objective, okrs_keyresult, okrs_checkin")

    def write_check_ins(self) -> None:
        rows = self.check_ins
        if connection.vendor == "postgresql":
            # 360,000 rows at 10,000 people: COPY of text written here is many times faster than INSERTs.
            lines = "".join(
                f"{k}\t{v}\t{c}\t{copy_text(n)}\t{a if a is not None else COPY_NULL}\t{w.isoformat()}\n"
                for k, v, c, n, a, w in rows
            )
            columns = "key_result_id, value, confidence, note, author_id, created_at"
            with connection.cursor() as cursor, cursor.copy(
                f"COPY {CheckIn._meta.db_table} ({columns}) FROM STDIN"
            ) as copy:
                copy.write(lines)
        else:
            CheckIn.objects.bulk_create(
                (CheckIn(key_result_id=k, value=v, confidence=c, note=n, author_id=a, created_at=w)
                 for k, v, c, n, a, w in rows), batch_size=5000)

    def move_states(self) -> None:
        by = self.org.hr.user
        for step in ["submit", "agree", "activate", "close"]:
            ids = [pk for pk, state in self.targets.items() if step in PATH[state]]
            if ids:
                run_bulk_transition(Objective, step, Objective.objects.filter(pk__in=ids), by=by)

    def dependencies(self, krs_of_unit: dict[int, list[KeyResult]]) -> None:
        """A dozen contribution requests between sibling units: accepted, declined and still open."""
        org, rng = self.org, self.rng
        by_parent: dict[int, list[Unit]] = {}
        for unit in org.units:
            if unit.parent_id and unit.lead_id and krs_of_unit.get(unit.pk):
                by_parent.setdefault(unit.parent_id, []).append(unit)
        pairs = []
        manager_unit = org.manager.unit
        siblings = [u for u in by_parent.get(manager_unit.parent_id, []) if u.pk != manager_unit.pk]
        if siblings and krs_of_unit.get(manager_unit.pk):
            pairs += [(manager_unit, siblings[0], "accept"), (siblings[0], manager_unit, "")]
            if len(siblings) > 1:
                pairs.append((siblings[1], manager_unit, "decline"))
        groups = [g for g in by_parent.values() if len(g) > 1]
        for _ in range(min(10, len(groups))):
            a, b = rng.sample(rng.choice(groups), 2)
            pairs.append((a, b, rng.choice(["accept", "decline", ""])))
        messages = {"en": "Could your team take on part of this key result?",
                    "ru": "Сможет ли ваша команда взять часть этого ключевого результата?",
                    "zh-hans": "你们团队能否承担这个关键结果的一部分？"}
        created = []
        for asking, asked, _ in pairs:
            kr = rng.choice(krs_of_unit[asking.pk])
            created.append(Dependency(from_unit=asking, to_unit=asked, objective=kr.objective, key_result=kr,
                                      message=messages[_lang(asking.lead)], created_by=asking.lead))
        Dependency.objects.bulk_create(created)
        answers = {"accept": "Yes, we will plan it into our next sprints.",
                   "decline": "Not this quarter: our roadmap is full; let's revisit next quarter."}
        for dependency, (_, asked, answer) in zip(created, pairs, strict=True):
            if answer:
                run_transition(dependency, answer, by=asked.lead.user, reason=answers[answer])

    def development_goals(self) -> None:
        org, rng = self.org, self.rng
        chosen = [(org.employee, 2), (org.manager, 1)] + [(p, 1) for p in org.people if rng.random() < 0.05]
        statuses = list(DevelopmentGoal.Status.values)
        goals = []
        for person, count in chosen:
            lang = _lang(person)
            for title, competency, action in rng.sample(texts.DEVELOPMENT, count):
                goals.append(DevelopmentGoal(
                    person=person, period=self.period, title=title[lang], competency=competency[lang],
                    actions=action[lang], status=rng.choice(statuses[:3]), due_date=self.period.end, created_by=person,
                ))
        DevelopmentGoal.objects.bulk_create(goals, batch_size=2000)

    def boards(self) -> None:
        org, rng = self.org, self.rng
        this_week = week_start(org.today)
        teams = [org.manager.unit] + [u for u in org.teams if u.pk != org.manager.unit_id and rng.random() < 0.1]
        plans = []
        for i, team in enumerate(teams):
            lang = _lang(team.lead)
            priorities, plans_next = texts.BOARD[lang]
            for back in range(4 if i == 0 else 2):
                health = rng.choice(["green", "green", "yellow", "red"])
                plans.append(WeeklyPlan(
                    unit=team, week=this_week - dt.timedelta(weeks=back), priorities=priorities,
                    plans_next_weeks=plans_next, health=health, health_notes=texts.HEALTH[lang][health],
                    author=team.lead,
                ))
        lang = _lang(org.employee)
        priorities, plans_next = texts.BOARD[lang]
        plans.append(WeeklyPlan(person=org.employee, week=this_week, priorities=priorities, plans_next_weeks=plans_next,
                                health="green", health_notes=texts.HEALTH[lang]["green"], author=org.employee))
        WeeklyPlan.objects.bulk_create(plans, batch_size=2000)


@register_demo_step(order=200)
def okrs_demo(org: DemoOrg, rng: random.Random) -> None:
    _Builder(org, rng).run()
