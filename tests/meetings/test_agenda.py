"""Agendas are built from the goals as they are: real check-ins, boards, grades, talking points, actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from meetings.agenda import agenda
from meetings.models import Series
from meetings.schedule import month_start, quarter_before
from meetings.selectors import meeting_detail
from meetings.services import action_item_add, action_item_update, talking_point_add, talking_point_update
from okrs.models import DevelopmentGoal, KeyResult, Period, WeeklyPlan
from okrs.services import week_start, weekly_plan_save
from people.services import person_lineages_rebuild

from .conftest import check_in, meeting_at, objective, series

pytestmark = pytest.mark.django_db
HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


def build(user, m):
    return agenda(user, meeting_detail(user, m.pk))


def test_the_weekly_sync_shows_what_moved_and_what_is_at_risk_from_the_weeks_check_ins(org, quarter):
    goal = objective(org.platform, org.manager, quarter, "Ship the API", krs=3)
    kr0, kr1, kr2 = goal.key_results.order_by("position")
    check_in(kr0, org.manager, 2, 7, ago=14 * DAY)
    check_in(kr0, org.manager, 5, 8, ago=2 * DAY, note="beta out")
    check_in(kr1, org.manager, 4, 8, ago=14 * DAY)
    check_in(kr1, org.manager, 1, 4, ago=DAY, note="vendor slipped")
    s = series(Series.Kind.WEEKLY_SYNC, unit=org.platform)
    m = meeting_at(s, timezone.now() + HOUR, 10)

    data = build(org.employee.user, m)

    assert [(r["key_result"].pk, r["before"], r["after"]) for r in data["moved"]] == [
        (kr0.pk, Decimal("0.2"), Decimal("0.5")), (kr1.pk, Decimal("0.4"), Decimal("0.1"))]
    risky = {r["key_result"].pk: r for r in data["at_risk"]}
    assert set(risky) == {kr1.pk, kr2.pk}
    assert risky[kr1.pk]["confidence_dropped"] and risky[kr1.pk]["previous_confidence"] == 8
    assert risky[kr1.pk]["confidence"] == 4 and risky[kr1.pk]["red"]
    assert not risky[kr2.pk]["confidence_dropped"] and risky[kr2.pk]["red"]
    assert data["check_in_count"] == 2
    assert [e["objective"].pk for e in data["board"]["objectives"]] == [goal.pk]


def test_the_weekly_sync_reads_the_unit_board_of_the_meetings_week(org, quarter):
    when = timezone.now() + HOUR
    weekly_plan_save(by=org.manager.user, unit=org.platform, week=week_start(timezone.localtime(when).date()),
                     priorities="Finish the migration", plans_next_weeks="Launch", health=WeeklyPlan.Health.YELLOW,
                     health_notes="One person out")
    m = meeting_at(series(Series.Kind.WEEKLY_SYNC, unit=org.platform), when, 3)

    plan = build(org.peer.user, m)["board"]["plan"]

    assert (plan.priorities, plan.health) == ("Finish the migration", "yellow")


def test_a_confidence_drop_within_the_week_counts_against_the_check_in_before_it(org, quarter):
    kr = objective(org.platform, org.manager, quarter, "Grow", krs=1).key_results.get()
    check_in(kr, org.manager, 8, 9, ago=3 * DAY)
    check_in(kr, org.manager, 9, 6, ago=DAY)
    m = meeting_at(series(Series.Kind.WEEKLY_SYNC, unit=org.platform), timezone.now() + HOUR, 1)

    [row] = build(org.manager.user, m)["at_risk"]

    assert (row["previous_confidence"], row["confidence"], row["red"]) == (9, 6, False)


def test_the_monthly_review_compares_each_objective_at_the_months_start_with_now(org, quarter):
    goal = objective(org.platform, org.manager, quarter, "Retain customers", krs=2)
    kr0, kr1 = goal.key_results.order_by("position")
    first = timezone.make_aware(dt.datetime.combine(month_start(timezone.localdate()), dt.time.min))
    check_in(kr0, org.manager, 2, 6, ago=timezone.now() - first + 3 * DAY)
    check_in(kr1, org.manager, 5, 6, ago=timezone.now() - first + 3 * DAY)
    check_in(kr0, org.manager, 6, 7, ago=dt.timedelta(minutes=1))
    m = meeting_at(series(Series.Kind.MONTHLY_REVIEW, unit=org.platform), timezone.now() + HOUR, 2)

    [row] = build(org.employee.user, m)["objectives"]

    assert (row["start"], row["end"], row["delta"], row["check_ins"]) == (
        Decimal("0.35"), Decimal("0.55"), Decimal("0.2"), 1)
    assert [(i["start"], i["end"]) for i in row["key_results"]] == [
        (Decimal("0.2"), Decimal("0.6")), (Decimal("0.5"), Decimal("0.5"))]


def test_the_quarterly_retrospective_shows_each_objectives_final_grade(org):
    last_day = quarter_before(timezone.localdate())
    first_day = dt.date(last_day.year, last_day.month - 2, 1)
    year_q = f"{last_day.year}-Q{(last_day.month - 1) // 3 + 1}"
    period, _ = Period.objects.get_or_create(code=year_q, defaults={"start": first_day, "end": last_day})
    closed = objective(org.platform, org.manager, period, "Launch in Europe", krs=2, state="closed")
    KeyResult.objects.filter(objective=closed, position=0).update(grade="0.8", grade_comment="Two countries")
    KeyResult.objects.filter(objective=closed, position=1).update(grade="0.4")
    open_ = objective(org.platform, org.manager, period, "Hire", krs=1)
    KeyResult.objects.filter(objective=open_).update(progress="0.1")
    m = meeting_at(series(Series.Kind.QUARTERLY_RETRO, unit=org.platform), timezone.now() + HOUR, 4)

    data = build(org.peer.user, m)

    rows = {r["objective"].pk: r for r in data["objectives"]}
    assert (rows[closed.pk]["grade"], rows[closed.pk]["zone"], rows[closed.pk]["final"]) == (
        Decimal("0.6"), "yellow", True)
    assert rows[closed.pk]["key_results"][0]["comment"] == "Two countries"
    assert (rows[open_.pk]["grade"], rows[open_.pk]["final"], rows[open_.pk]["zone"]) == (Decimal("0.1"), False, "red")
    assert data["average"] == Decimal("0.35")


def test_open_talking_points_roll_over_until_closed(org):
    s = series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee)
    first = meeting_at(s, timezone.now() - 14 * DAY, 0)
    second = meeting_at(s, timezone.now() + DAY, 1)
    third = meeting_at(s, timezone.now() + 15 * DAY, 2)
    first = meeting_detail(org.manager.user, first.pk)
    mine = talking_point_add(meeting=first, by=org.manager.user, text="Conference budget")
    theirs = talking_point_add(meeting=first, by=org.employee.user, text="Career path")
    talking_point_update(point=mine, by=org.employee.user, closed=True, meeting=first)

    assert [p.text for p in build(org.employee.user, second)["report_points"]] == ["Career path"]
    assert build(org.employee.user, second)["manager_points"] == []
    on_first = build(org.manager.user, first)
    assert [(p.text, p.open_here) for p in on_first["manager_points"]] == [("Conference budget", False)]

    talking_point_update(point=theirs, by=org.manager.user, closed=True,
                         meeting=meeting_detail(org.manager.user, second.pk))
    assert [(p.text, p.open_here) for p in build(org.manager.user, second)["report_points"]] == [
        ("Career path", False)]
    assert build(org.manager.user, third)["report_points"] == []


def test_action_items_show_in_the_next_agendas_of_the_series_until_done(org):
    s = series(Series.Kind.WEEKLY_SYNC, unit=org.platform)
    first = meeting_at(s, timezone.now() - 7 * DAY, 0)
    second = meeting_at(s, timezone.now() + DAY, 1)
    third = meeting_at(s, timezone.now() + 8 * DAY, 2)
    other = meeting_at(series(Series.Kind.MONTHLY_REVIEW, unit=org.platform), timezone.now() + DAY, 1)
    item = action_item_add(meeting=meeting_detail(org.manager.user, first.pk), by=org.manager.user,
                           text="Write the runbook", owner=org.peer.pk, due_on=timezone.localdate())

    assert [i.pk for i in build(org.peer.user, first)["action_items"]["new"]] == [item.pk]
    assert [i.pk for i in build(org.peer.user, second)["action_items"]["carried"]] == [item.pk]
    assert [i.pk for i in build(org.peer.user, third)["action_items"]["carried"]] == [item.pk]
    assert build(org.peer.user, other)["action_items"]["carried"] == []

    action_item_update(item=item, by=org.peer.user, done=True)
    assert build(org.peer.user, second)["action_items"]["carried"] == []
    assert build(org.peer.user, third)["action_items"]["carried"] == []
    assert [i.pk for i in build(org.peer.user, first)["action_items"]["new"]] == [item.pk]


def test_the_one_on_one_links_the_reports_goals_of_the_period(org, quarter):
    public = objective(None, org.employee, quarter, "Learn Go", level="personal")
    private = objective(None, org.employee, quarter, "Move teams", level="personal", private=True)
    DevelopmentGoal.objects.create(person=org.employee, period=quarter, title="Public speaking")
    m = meeting_at(series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee), timezone.now() + DAY, 0)

    data = build(org.manager.user, m)

    assert {g["objective"].pk for g in data["goals"]} == {public.pk, private.pk}
    assert [g.title for g in data["development_goals"]] == ["Public speaking"]


def test_private_goals_leave_the_agenda_of_a_former_manager(org, quarter):
    public = objective(None, org.employee, quarter, "Learn Go", level="personal")
    objective(None, org.employee, quarter, "Move teams", level="personal", private=True)
    m = meeting_at(series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee), timezone.now() - DAY, 0)
    org.employee.manager = org.outsider
    org.employee.save(update_fields=["manager"])
    person_lineages_rebuild()

    data = build(org.manager.user, m)

    assert [g["objective"].pk for g in data["goals"]] == [public.pk]
