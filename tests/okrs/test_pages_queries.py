"""Every goals list page runs the same number of queries with few objectives and with many."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from okrs.models import CheckIn, Dependency, DevelopmentGoal, KeyResult, Objective, WeeklyPlan
from okrs.services import week_start

pytestmark = pytest.mark.django_db


def add_data(org, period, n: int) -> None:
    """``n`` objectives of each kind the pages list, each with three key results and their check-ins."""
    people = itertools.cycle([org.employee, org.peer, org.manager])
    rows = []
    for i in range(n):
        rows.append(Objective(title=f"Company {i}", level="company", unit=org.acme, owner=org.ceo, period=period,
                              state="active", score="0.5"))
        rows.append(Objective(title=f"Team {i}", level="team", unit=org.platform, owner=org.manager, period=period,
                              state="active", score="0.2"))
        owner = next(people)
        rows.append(Objective(title=f"Personal {i}", level="personal", owner=owner, period=period, state="active",
                              private=i % 4 == 0, created_by=owner))
    objectives = Objective.objects.bulk_create(rows)
    krs = KeyResult.objects.bulk_create(
        KeyResult(objective=o, title=f"KR {k}", start=0, target=10, owner=o.owner, position=k, progress="0.3")
        for o in objectives for k in range(3))
    company = [o for o in objectives if o.level == "company"]
    for child, kr in zip([o for o in objectives if o.level == "team"], krs[::3], strict=False):
        child.parent_key_result = kr if kr.objective.level == "company" else None
    Objective.objects.bulk_update([o for o in objectives if o.level == "team"], ["parent_key_result"])
    for child, parent in zip([o for o in objectives if o.level == "personal"], company, strict=False):
        child.parent_objective = parent
    Objective.objects.bulk_update([o for o in objectives if o.level == "personal"], ["parent_objective"])
    now = timezone.now()
    CheckIn.objects.bulk_create(CheckIn(key_result=kr, value=w, confidence=5 + w % 5, author=kr.owner,
                                        created_at=now - dt.timedelta(days=7 * w)) for kr in krs for w in range(4))
    Dependency.objects.bulk_create(
        Dependency(from_unit=org.platform, to_unit=org.sales, objective=o, state="requested" if i % 2 else "declined")
        for i, o in enumerate(objectives) if o.level == "team")
    DevelopmentGoal.objects.bulk_create(DevelopmentGoal(person=org.employee, title=f"Grow {i}") for i in range(n))
    week = week_start(timezone.localdate())
    WeeklyPlan.objects.get_or_create(unit=org.platform, week=week, defaults={"priorities": "Ship"})


def count(person, url: str) -> int:
    client = Client()
    client.force_login(person.user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def pages(org) -> list[tuple]:
    top = Objective.objects.filter(level="company").order_by("pk").first()
    return [
        (org.employee, "/goals/"),
        (org.manager, "/goals/"),
        (org.employee, "/goals/team/"),
        (org.employee, f"/goals/units/{org.platform.pk}/"),
        (org.hr_admin, f"/goals/units/{org.acme.pk}/"),
        (org.employee, f"/goals/people/{org.peer.pk}/"),
        (org.employee, "/goals/tree/"),
        (org.employee, f"/goals/tree/{top.pk}/children/"),
        (org.employee, "/goals/tree/?q=Team"),
        (org.employee, f"/goals/board/teams/{org.platform.pk}/"),
        (org.manager, f"/goals/board/people/{org.employee.pk}/"),
        (org.employee, f"/goals/people/{org.employee.pk}/development/"),
    ]


def test_every_list_page_runs_the_same_queries_with_few_and_with_many_objectives(org, quarter):
    add_data(org, quarter, 3)
    few = {url + person.user.email: count(person, url) for person, url in pages(org)}
    add_data(org, quarter, 40)
    many = {url + person.user.email: count(person, url) for person, url in pages(org)}
    assert many == few
    assert max(few.values()) <= 20, few
