"""The demo OKRs: deterministic for a seed, and stored scores equal to a recomputation from the check-ins."""

import datetime as dt
import random

import pytest

from okrs import demo
from okrs.models import CheckIn, Dependency, DevelopmentGoal, KeyResult, Objective, WeeklyPlan
from okrs.selectors import scores_from_rows
from people.demo import org_delete, seed_org

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def build(seed: int = 7) -> None:
    org = seed_org(employees=60, seed=seed, today=TODAY)
    demo.okrs_demo(org, random.Random(f"{seed}:okrs"))


def snapshot() -> list[tuple]:
    objectives = list(Objective.objects.order_by("period__start", "level", "unit__path", "owner__full_name", "title")
                      .values_list("title", "level", "state", "score", "private", "owner__user__email",
                                   "parent_key_result__title"))
    check_ins = list(CheckIn.objects.order_by("key_result__objective__owner__user__email", "key_result__title",
                                              "created_at").values_list("value", "confidence", "note", "created_at"))
    return [objectives, check_ins, Dependency.objects.order_by("state").values_list("state", flat=True).count()]


def test_the_demo_is_the_same_for_the_same_seed():
    build(7)
    first = snapshot()
    org_delete()
    build(7)
    assert snapshot() == first


def test_stored_progress_and_scores_equal_a_recomputation_from_the_check_ins():
    build()
    ids = list(Objective.objects.values_list("pk", flat=True))
    currents, progresses, scores = scores_from_rows(ids)
    stored = dict(Objective.objects.values_list("pk", "score"))
    assert scores == stored
    for pk, current, progress in KeyResult.objects.values_list("pk", "current", "progress"):
        assert currents[pk] == current and progresses[pk] == progress


def test_the_demo_cascades_from_the_company_and_tells_a_believable_story():
    build()
    active = Objective.objects.filter(state=Objective.State.ACTIVE)
    assert active.filter(level="company", title="Win people over with Gmail").exists()
    assert not Objective.objects.exclude(level="company").filter(period__start__gte=dt.date(2026, 10, 1),
                                                                 parent_key_result__isnull=True).exists()
    kr = KeyResult.objects.filter(objective__state=Objective.State.ACTIVE).first()
    assert kr.check_ins.count() == 12
    assert Objective.objects.filter(state=Objective.State.CLOSED, key_results__grade__isnull=False).exists()
    assert {"accepted", "declined", "requested"} <= set(Dependency.objects.values_list("state", flat=True))
    assert DevelopmentGoal.objects.exists() and WeeklyPlan.objects.exists()
    assert set(Objective.objects.values_list("state", flat=True)) >= {"active", "closed", "agreed", "proposed"}
