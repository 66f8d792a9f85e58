"""Every meeting page and the meeting API run the same number of queries at 100 and at 10,000 people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Series
from meetings.selectors import meeting_detail
from meetings.services import action_item_add, occurrences_generate, talking_point_add
from okrs.models import Period
from people.models import Person

from ..factories import UnitFactory, build_org
from .conftest import check_in, meeting_at, objective, series

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_meeting_pages_run_a_fixed_number_of_queries_at_100_and_10000_people(org, web, api, quarter,
                                                                             django_assert_max_num_queries):
    goal = objective(org.platform, org.manager, quarter, "Ship", krs=3)
    for kr in goal.key_results.all():
        check_in(kr, org.manager, 3, 8, ago=10 * DAY)
        check_in(kr, org.manager, 2, 5, ago=DAY)
    objective(None, org.employee, quarter, "Learn", level="personal")
    last = quarter.start - DAY
    previous, _ = Period.objects.get_or_create(code="retro-test", defaults={"start": last.replace(day=1), "end": last})
    objective(org.platform, org.manager, previous, "Old", krs=2, state="closed")
    when = timezone.now() + DAY
    meetings = {
        kind: meeting_at(series(kind, unit=org.platform), when, 3)
        for kind in (Series.Kind.WEEKLY_SYNC, Series.Kind.MONTHLY_REVIEW, Series.Kind.QUARTERLY_RETRO)
    }
    meetings["one_on_one"] = meeting_at(series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee),
                                        when, 1)
    sync = meeting_detail(org.manager.user, meetings[Series.Kind.WEEKLY_SYNC].pk)
    action_item_add(meeting=sync, by=org.manager.user, text="Runbook", owner=org.peer.pk)
    talking_point_add(meeting=meeting_detail(org.manager.user, meetings["one_on_one"].pk), by=org.employee.user,
                      text="Budget")
    urls = [f"/meetings/{m.pk}/" for m in meetings.values()] + ["/meetings/"]
    page, client = web(org.manager), api(org.manager)
    api_urls = [f"/api/meetings/{m.pk}/" for m in meetings.values()] + ["/api/meetings/"]

    build_org(100 - 9, unit=org.platform, top=org.manager)
    small = [count(page, url) for url in urls] + [count(client, url) for url in api_urls]
    # build_org names its accounts after the unit: grow a second batch elsewhere, then move it into Platform.
    more = build_org(10_000 - 100, unit=UnitFactory(parent=org.platform), top=org.manager)
    Person.objects.filter(pk__in=[p.pk for p in more]).update(unit=org.platform)
    occurrences_generate()
    large = [count(page, url) for url in urls] + [count(client, url) for url in api_urls]

    assert small == large
    for url in urls:
        with django_assert_max_num_queries(30):
            page.get(url)
