"""The four-quadrant weekly board: written by the team, read by everyone; the OKR quadrant fills itself."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from okrs.models import CheckIn, WeeklyPlan
from okrs.selectors import weekly_board
from okrs.services import check_in_create, week_start, weekly_plan_save

from .conftest import kr_of

pytestmark = pytest.mark.django_db


def board_url(org) -> str:
    return f"/goals/board/teams/{org.platform.pk}/"


def test_the_board_shows_four_quadrants_with_the_teams_okrs_filled_in(org, web, make_objective):
    objective = make_objective("team", org.platform, title="One million users by November", state="active")
    check_in_create(key_result=kr_of(objective), by=org.manager.user, value=40, confidence=6)
    weekly_plan_save(by=org.manager.user, unit=org.platform, week=timezone.localdate(),
                     priorities="Finish the billing migration", health="yellow", health_notes="One person sick")
    body = web(org.outsider).get(board_url(org)).content.decode()
    for text in ("Priorities this week", "Plans for the next four weeks", "Health", "OKRs",
                 "Finish the billing migration", "One person sick", "At risk", "One million users by November",
                 "40%", "6/10", '<svg class="spark"'):
        assert text in body, text


def test_a_member_writes_the_board_and_an_outsider_may_read_but_not_write(org, web):
    data = {"priorities": "Ship", "plans_next_weeks": "Plan", "health": "green", "health_notes": ""}
    assert web(org.outsider).post(board_url(org), data).status_code == 403
    response = web(org.employee).post(board_url(org), data)
    assert response.status_code == 302
    plan = WeeklyPlan.objects.get()
    assert plan.week == week_start(timezone.localdate()) and plan.author == org.employee
    assert web(org.employee).post(board_url(org), {**data, "health": "purple"}).status_code == 400
    assert web(org.employee).get(board_url(org) + "?edit=1").content.decode().count("<textarea") == 3


def test_saving_the_same_week_again_replaces_the_board(org):
    week = dt.date(2026, 11, 25)
    weekly_plan_save(by=org.employee.user, unit=org.platform, week=week, priorities="one")
    weekly_plan_save(by=org.manager.user, unit=org.platform, week=week, priorities="two")
    plan = WeeklyPlan.objects.get()
    assert plan.week == dt.date(2026, 11, 23) and plan.priorities == "two" and plan.author == org.manager


def test_a_personal_board_is_for_the_person_and_their_chain(org, web):
    url = f"/goals/board/people/{org.employee.pk}/"
    assert web(org.employee).get(url).status_code == 200
    assert web(org.skip).get(url).status_code == 200
    assert web(org.peer).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        weekly_plan_save(by=org.manager.user, person=org.employee, week=timezone.localdate())


def test_last_weeks_board_is_one_click_away_and_shows_the_values_of_then(org, web, make_objective):
    objective = make_objective("team", org.platform, state="active")
    kr = kr_of(objective)
    this_week = week_start(timezone.localdate())
    last_week = this_week - dt.timedelta(days=7)
    check_in_create(key_result=kr, by=org.manager.user, value=20, confidence=4)
    check_in_create(key_result=kr, by=org.manager.user, value=90, confidence=9)
    first, latest = CheckIn.objects.order_by("pk")
    CheckIn.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(days=timezone.localdate()
                                                                                        .weekday() + 3))
    body = web(org.employee).get(board_url(org)).content.decode()
    assert f'href="{board_url(org)}?week={last_week.isoformat()}"' in body
    board = weekly_board(org.employee.user, unit=org.platform, week=last_week)
    row = board["objectives"][0]["key_results"][0]
    assert row["progress"] == Decimal("0.2") and row["confidence"] == 4 and row["trend"] == [4]
    now = weekly_board(org.employee.user, unit=org.platform, week=this_week)
    assert now["objectives"][0]["key_results"][0]["trend"] == [4, 9]
