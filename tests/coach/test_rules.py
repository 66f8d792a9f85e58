"""Each rule of the coach on goals built for it, in English, Russian and Chinese: once firing, once not."""

from __future__ import annotations

import datetime as dt

import pytest

from okrs.models import Dependency

from .conftest import LANGUAGES, TEXTS, build, check_in, fired

pytestmark = pytest.mark.django_db

TODAY = dt.date(2019, 8, 1)  # a month into 2019-Q3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_fourth_objective_for_one_owner_is_too_many(org, q3, lang):
    objectives = [build(q3, title=f"{TEXTS[lang]['plain']} {i}", owner=org.employee) for i in "ABCD"]
    assert "too_many_objectives" in fired(objectives[0], TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_three_objectives_for_one_owner_are_fine(org, q3, lang):
    objectives = [build(q3, title=f"{TEXTS[lang]['plain']} {i}", owner=org.employee) for i in "ABC"]
    build(q3, title=TEXTS[lang]["plain"], owner=org.peer)  # someone else's does not count
    assert "too_many_objectives" not in fired(objectives[0], TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_six_key_results_are_too_many_and_five_are_not(org, q3, lang):
    text = TEXTS[lang]["measurable"]
    six = build(q3, title=TEXTS[lang]["plain"], owner=org.employee, krs=[{"title": text}] * 6)
    five = build(q3, title=TEXTS[lang]["plain"], owner=org.peer, krs=[{"title": text}] * 5)
    assert "too_many_key_results" in fired(six, TODAY)
    assert "too_many_key_results" not in fired(five, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_objective_with_a_figure_or_money_is_flagged(org, q3, lang):
    assert "figures_in_objective" in fired(build(q3, title=TEXTS[lang]["figure"], owner=org.employee), TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_qualitative_objective_is_not_flagged_for_figures(org, q3, lang):
    assert "figures_in_objective" not in fired(build(q3, title=TEXTS[lang]["plain"], owner=org.employee), TODAY)


@pytest.mark.parametrize("title", ["Lead the market by 2027, starting in Q3", "Стать лидером рынка B2B в 2027",
                                   "2027年成为行业第一"])
def test_years_quarters_and_names_with_digits_are_not_figures(org, q3, title):
    assert "figures_in_objective" not in fired(build(q3, title=title, owner=org.employee), TODAY)


@pytest.mark.parametrize("title", ["Grow to a million users", "Выйти на 5 тысяч клиентов", "用户突破一百万",
                                   "Earn €300k", "Reach 2000 customers"])
def test_numbers_in_words_and_currencies_are_figures(org, q3, title):
    assert "figures_in_objective" in fired(build(q3, title=title, owner=org.employee), TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_yes_no_key_result_has_no_measurable_target(org, q3, lang):
    objective = build(q3, title=TEXTS[lang]["plain"], owner=org.employee,
                      krs=[{"title": TEXTS[lang]["binary"], "kind": "boolean", "target": 1}])
    assert "kr_not_measurable" in fired(objective, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_key_result_from_one_number_to_another_is_measurable(org, q3, lang):
    objective = build(q3, title=TEXTS[lang]["plain"], owner=org.employee,
                      krs=[{"title": TEXTS[lang]["measurable"], "start": 1000, "target": 1500, "unit_label": "users"}])
    assert "kr_not_measurable" not in fired(objective, TODAY)


def test_a_zero_to_one_key_result_without_a_unit_is_a_yes_no_in_disguise(org, q3):
    objective = build(q3, title="Be loved", owner=org.employee, krs=[{"title": "Pilot approved", "target": 1}])
    assert "kr_not_measurable" in fired(objective, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_key_result_phrased_as_a_task_is_flagged(org, q3, lang):
    objective = build(q3, title=TEXTS[lang]["plain"], owner=org.employee, krs=[{"title": TEXTS[lang]["task"]}])
    assert "kr_is_a_task" in fired(objective, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_task_with_its_outcome_is_not_flagged(org, q3, lang):
    objective = build(q3, title=TEXTS[lang]["plain"], owner=org.employee, krs=[{"title": TEXTS[lang]["outcome"]}])
    assert "kr_is_a_task" not in fired(objective, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_active_key_result_without_a_check_in_for_14_days_is_forgotten(org, q3, lang):
    objective = build(q3, title=TEXTS[lang]["plain"], owner=org.employee, state="active",
                      krs=[{"title": TEXTS[lang]["measurable"]}])
    check_in(objective.key_results.get(), TODAY - dt.timedelta(days=14))
    assert "no_recent_check_in" in fired(objective, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_check_in_this_week_keeps_the_key_result_fresh(org, q3, lang):
    objective = build(q3, title=TEXTS[lang]["plain"], owner=org.employee, state="active",
                      krs=[{"title": TEXTS[lang]["measurable"]}])
    kr = objective.key_results.get()
    check_in(kr, TODAY - dt.timedelta(days=30))
    check_in(kr, TODAY - dt.timedelta(days=3))
    assert "no_recent_check_in" not in fired(objective, TODAY)


def test_a_draft_or_a_finished_period_is_not_nagged_for_check_ins(org, q3):
    draft = build(q3, title="Draft", owner=org.employee, state="draft")
    active = build(q3, title="Active", owner=org.peer, state="active")
    assert "no_recent_check_in" not in fired(draft, TODAY)
    assert "no_recent_check_in" not in fired(active, dt.date(2019, 10, 20))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_same_objective_as_last_period_is_carried_over(org, quarters, lang):
    q2, q3 = quarters[1], quarters[2]
    build(q2, title=TEXTS[lang]["plain"], owner=org.employee, state="closed", score=0.5)
    again = build(q3, title=f"  {TEXTS[lang]['plain'].upper()}. ", owner=org.employee)
    assert "carried_over" in fired(again, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reworded_or_someone_elses_objective_is_not_carried_over(org, quarters, lang):
    q2, q3 = quarters[1], quarters[2]
    build(q2, title=TEXTS[lang]["plain"], owner=org.peer, state="closed", score=0.5)
    build(q2, title=TEXTS[lang]["figure"], owner=org.employee, state="closed", score=0.5)
    mine = build(q3, title=TEXTS[lang]["plain"], owner=org.employee)
    assert "carried_over" not in fired(mine, TODAY)


def _history(org, quarters, lang, scores):
    for period, score in zip(quarters[:2], scores, strict=True):
        build(period, title=f"{TEXTS[lang]['plain']} {period.code}", owner=org.employee, state="closed", score=score)
    return build(quarters[2], title=TEXTS[lang]["outcome"], owner=org.employee, state="active")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_periods_closed_at_095_or_more_are_not_ambitious_enough(org, quarters, lang):
    assert "too_safe" in fired(_history(org, quarters, lang, ["0.96", "1"]), TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_easy_period_is_not_a_pattern(org, quarters, lang):
    objective = _history(org, quarters, lang, ["0.96", "0.8"])
    assert not {"too_safe", "too_far"} & fired(objective, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_periods_closed_at_02_or_less_are_too_far(org, quarters, lang):
    assert "too_far" in fired(_history(org, quarters, lang, ["0.1", "0.2"]), TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_missed_period_is_not_too_far(org, quarters, lang):
    assert "too_far" not in fired(_history(org, quarters, lang, ["0.1", "0.5"]), TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_unit_objective_nothing_serves_after_two_weeks_is_not_aligned(org, q3, lang):
    objective = build(q3, title=TEXTS[lang]["plain"], level="unit", unit=org.engineering, state="active")
    assert "not_aligned" in fired(objective, TODAY)
    assert "not_aligned" not in fired(objective, q3.start + dt.timedelta(days=10))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_unit_objective_with_a_child_or_a_contribution_request_is_aligned(org, q3, lang):
    served = build(q3, title=TEXTS[lang]["plain"], level="unit", unit=org.engineering, state="active")
    build(q3, title=TEXTS[lang]["outcome"], level="team", unit=org.platform, parent_key_result=served.key_results.get())
    asked = build(q3, title=TEXTS[lang]["plain"], level="unit", unit=org.sales, state="active")
    Dependency.objects.create(from_unit=org.sales, to_unit=org.engineering, objective=asked)
    assert "not_aligned" not in fired(served, TODAY)
    assert "not_aligned" not in fired(asked, TODAY)


def test_a_declined_request_does_not_count_as_alignment(org, q3):
    objective = build(q3, title="Be trusted", level="unit", unit=org.sales, state="active")
    Dependency.objects.create(from_unit=org.sales, to_unit=org.engineering, objective=objective, state="declined")
    assert "not_aligned" in fired(objective, TODAY)


def test_a_closed_objective_is_past_coaching(org, q3):
    objective = build(q3, title=TEXTS["en"]["figure"], owner=org.employee, state="closed",
                      krs=[{"title": TEXTS["en"]["task"]}])
    assert fired(objective, TODAY) == set()


@pytest.mark.parametrize("title, task", [
    ("9月前上线新版本", True), ("在Q3内完成竞品调研", True), ("本季度发布新版本", True),
    ("带一名新人完成入职", False),  # the newcomer completes onboarding: 完成 is not the opening verb
    ("Set up the CI pipeline", True), ("Settle 90% of claims within a day", False),
])
def test_a_task_verb_counts_where_the_key_result_opens(org, q3, title, task):
    objective = build(q3, title="Be trusted", owner=org.employee, krs=[{"title": title}])
    assert ("kr_is_a_task" in fired(objective, TODAY)) is task
