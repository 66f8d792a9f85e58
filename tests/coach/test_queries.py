"""The unit summary, its API and the retrospective run the same queries at 100 and at 10,000 people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from okrs.models import CheckIn, KeyResult, Objective
from okrs.selectors import period_containing
from people.models import Person, User

from ..factories import UnitFactory, build_org

pytestmark = pytest.mark.django_db

TITLES = ["Заработать 2 млн рублей", "Launch the partner portal", "上线新的入职流程", "Become the team customers trust"]


def grow(org, period, n: int) -> None:
    """``n`` more people in a new team under Platform, reporting to its manager, each with a personal objective
    of three key results."""
    team = UnitFactory(name=f"Squad {n}", parent=org.platform, kind="team")
    people = build_org(n, unit=team, top=org.manager)
    objectives = Objective.objects.bulk_create(
        Objective(title=TITLES[i % 4], level="personal", owner=p, period=period, private=i % 7 == 0,
                  state=["draft", "active", "agreed"][i % 3], score="0.5") for i, p in enumerate(people))
    krs = KeyResult.objects.bulk_create(
        KeyResult(objective=o, title=TITLES[(o.pk + k) % 4], start=0, target=10, owner=o.owner, position=k,
                  kind="boolean" if k == 2 else "increase_to")
        for o in objectives for k in range(3))
    old = timezone.now() - dt.timedelta(days=20)
    CheckIn.objects.bulk_create(CheckIn(key_result=kr, value=3, confidence=5, created_at=old) for kr in krs)


def measure(person: Person, url: str) -> tuple[int, str]:
    client = Client()
    client.force_login(User.objects.get(pk=person.user_id))  # fresh roles, as in a real request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def test_the_coach_and_the_retrospective_cost_the_same_at_100_and_10000_people(org):
    period = period_containing(timezone.localdate())
    urls = [f"/coach/units/{org.engineering.pk}/?period={period.code}",
            f"/coach/units/{org.engineering.pk}/?period={period.code}&rule=kr_is_a_task&page=2",
            f"/api/coach/units/{org.engineering.pk}/findings/?period={period.code}",
            f"/coach/retrospective/units/{org.engineering.pk}/?period={period.code}",
            f"/api/retrospective/?unit={org.engineering.pk}&period={period.code}"]
    grow(org, period, 100)
    small = {url: measure(org.skip, url) for url in urls}
    grow(org, period, 9_900)
    large = {url: measure(org.skip, url) for url in urls}
    for url in urls:
        assert small[url][0] == large[url][0], url
        assert large[url][0] <= 25, url
    # The same pages, with ten thousand people's goals behind them.
    assert '"objectives":10000' in large[urls[2]][1].replace(" ", "")
    print({url: small[url][0] for url in urls})
