"""Coach test data: three quarters of 2019 (so every date is fixed), goals built straight in the tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from okrs.models import CheckIn, KeyResult, Objective, Period

# Titles in the three languages: each rule is tried on each.
TEXTS = {
    "en": {
        "plain": "Become the team customers trust first",
        "figure": "Reach $2M in yearly revenue",
        "task": "Launch the new onboarding flow",
        "outcome": "Launch the onboarding flow so that new users activate in their first week",
        "binary": "Management agrees to a three-month trial",
        "measurable": "Raise weekly active users from 1000 to 1500",
    },
    "ru": {
        "plain": "Стать командой, которой клиенты доверяют первой",
        "figure": "Заработать 2 млн рублей за год",
        "task": "Запустить новый онбординг",
        "outcome": "Запустить онбординг, чтобы новые пользователи активировались в первую неделю",
        "binary": "Руководство согласится на трёхмесячный пилот",
        "measurable": "Поднять недельную аудиторию с 1000 до 1500",
    },
    "zh": {
        "plain": "成为客户最信任的团队",
        "figure": "全年营收达到200万元",
        "task": "上线新的入职流程",
        "outcome": "上线新的入职流程，使新用户首周激活率提升",
        "binary": "管理层同意三个月的试点",
        "measurable": "周活跃从1000人到1500人",
    },
}
LANGUAGES = list(TEXTS)


@pytest.fixture
def quarters(db) -> list[Period]:
    """2019-Q1..Q3; the coach looks at Q3, the two before are its history."""
    spans = [("2019-Q1", dt.date(2019, 1, 1), dt.date(2019, 3, 31)), ("2019-Q2", dt.date(2019, 4, 1),
             dt.date(2019, 6, 30)), ("2019-Q3", dt.date(2019, 7, 1), dt.date(2019, 9, 30))]
    return [Period.objects.get_or_create(code=code, defaults={"start": start, "end": end, "kind": "quarter"})[0]
            for code, start, end in spans]


@pytest.fixture
def q3(quarters) -> Period:
    return quarters[2]


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build(period: Period, *, title: str, level: str = "personal", owner=None, unit=None, state: str = "draft",
          krs: list[dict] | None = None, score: str | float = 0, **fields) -> Objective:
    """An objective with its key results, written straight to the tables (as if typed in and moved along)."""
    objective = Objective.objects.create(title=title, level=level, owner=owner, unit=unit, period=period, state=state,
                                         score=Decimal(str(score)), **fields)
    for i, kr in enumerate(krs if krs is not None else [{"title": "KR"}]):
        values = {"start": 0, "target": 100, "kind": "increase_to", "owner": owner, "position": i, **kr}
        KeyResult.objects.create(objective=objective, **values)
    return objective


def check_in(kr: KeyResult, day: dt.date, *, value=1, confidence=5) -> CheckIn:
    return CheckIn.objects.create(key_result=kr, value=value, confidence=confidence, created_at=at(day))


def loaded(objective: Objective) -> Objective:
    """The objective as the selectors load it: period, unit, owner and key results."""
    return (Objective.objects.select_related("period", "unit__lead", "owner__unit").prefetch_related("key_results")
            .get(pk=objective.pk))


def fired(objective: Objective, today: dt.date) -> set[str]:
    from coach.selectors import objective_findings

    return {f.rule for f in objective_findings(loaded(objective), today=today) if not f.silenced}
