"""Meeting pages: my meetings, the meeting with its agenda and inline forms, the series settings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from meetings.models import ActionItem, Meeting, Note, Series, TalkingPoint

from .conftest import check_in, meeting_at, objective, series

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def sync(org):
    return meeting_at(series(Series.Kind.WEEKLY_SYNC, unit=org.platform), timezone.now() + DAY, 5)


@pytest.fixture
def one_on_one(org):
    return meeting_at(series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee),
                      timezone.now() + DAY, 2)


def no_inline_code(html: str) -> None:
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_my_meetings_lists_the_coming_ones_and_what_a_manager_can_set_up(org, web, sync, one_on_one):
    response = web(org.manager).get("/meetings/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/meetings/{sync.pk}/" in html and f"/meetings/{one_on_one.pk}/" in html
    assert f"report={org.peer.pk}" in html  # no one-on-one with Pia yet
    assert "kind=monthly_review" in html  # the lead of Platform may set up its monthly review
    no_inline_code(html)


def test_the_weekly_sync_page_shows_the_agenda(org, web, quarter, sync):
    kr = objective(org.platform, org.manager, quarter, "Ship the API", krs=1).key_results.get()
    check_in(kr, org.manager, 1, 8, ago=10 * DAY)
    check_in(kr, org.manager, 2, 3, ago=DAY, note="blocked on vendor")
    html = web(org.employee).get(f"/meetings/{sync.pk}/").content.decode()
    assert "What moved" in html and "blocked on vendor" in html
    assert "confidence dropped from 8 to 3" in html
    no_inline_code(html)


def test_the_pages_answer_404_to_who_may_not_see_the_meeting(org, web, sync, one_on_one):
    assert web(org.outsider).get(f"/meetings/{sync.pk}/").status_code == 404
    assert web(org.hr_admin).get(f"/meetings/{one_on_one.pk}/").status_code == 404
    assert web(org.peer).post(f"/meetings/{one_on_one.pk}/points/", {"text": "x"}).status_code == 404


def test_a_talking_point_added_inline_answers_the_section(org, web, one_on_one):
    client = web(org.employee)
    response = client.post(f"/meetings/{one_on_one.pk}/points/", {"text": "Training budget"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card" id="points"') and "Training budget" in html
    point = TalkingPoint.objects.get()
    response = web(org.manager).post(f"/meetings/{one_on_one.pk}/points/{point.pk}/toggle/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    point.refresh_from_db()
    assert point.closed_in_id == one_on_one.pk


def test_an_empty_inline_form_comes_back_with_its_error(org, web, one_on_one):
    client = web(org.manager)
    assert client.post(f"/meetings/{one_on_one.pk}/points/", {"text": ""}, HTTP_HX_REQUEST="true").status_code == 200
    assert client.post(f"/meetings/{one_on_one.pk}/points/", {"text": ""}).status_code == 400
    assert client.get(f"/meetings/{one_on_one.pk}/points/").status_code == 405


def test_action_items_and_notes_from_the_page(org, web, sync):
    client = web(org.peer)
    response = client.post(f"/meetings/{sync.pk}/actions/", {"text": "Runbook", "owner": org.employee.pk,
                                                             "due_on": "2030-01-01"})
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.owner, item.created_by) == (org.employee, org.peer)
    assert client.post(f"/meetings/{sync.pk}/actions/", {"text": "x", "owner": org.outsider.pk}).status_code == 400
    assert client.post(f"/meetings/{sync.pk}/notes/", {"kind": "decision", "text": "Use Postgres"}).status_code == 302
    assert Note.objects.get().kind == "decision"
    assert web(org.hr_partner).post(f"/meetings/{sync.pk}/notes/", {"kind": "note", "text": "x"}).status_code == 403
    assert client.post(f"/meetings/{sync.pk}/actions/{item.pk}/toggle/").status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None


def test_the_lead_edits_the_series_and_others_may_not(org, web, sync):
    url = f"/meetings/series/{sync.series_id}/edit/"
    assert web(org.employee).get(url).status_code == 403
    assert web(org.outsider).get(url).status_code == 404
    client = web(org.manager)
    assert client.get(url).status_code == 200
    response = client.post(url, {"weekday": 2, "time": "15:00", "duration_minutes": 45, "interval_weeks": 1,
                                 "starts_on": timezone.localdate().isoformat(), "active": "on"})
    assert response.status_code == 302
    series_ = Series.objects.get(pk=sync.series_id)
    assert (series_.weekday, series_.time, series_.duration_minutes) == (2, dt.time(15), 45)
    future = Meeting.objects.filter(series=series_, scheduled_at__gt=timezone.now())
    assert future.exists() and all(timezone.localtime(m.scheduled_at).weekday() == 2 for m in future)
    assert client.post(url, {"weekday": 9, "time": "x"}).status_code == 400


def test_a_manager_sets_up_one_on_ones_from_the_page(org, web):
    url = f"/meetings/series/new/?kind=one_on_one&report={org.peer.pk}"
    response = web(org.manager).post(url, {"weekday": 1, "time": "11:00", "duration_minutes": 30, "interval_weeks": 2,
                                           "starts_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert Series.objects.get(report=org.peer).manager == org.manager
    assert web(org.employee).post(url, {"weekday": 1, "time": "11:00", "duration_minutes": 30, "interval_weeks": 2,
                                        "starts_on": timezone.localdate().isoformat()}).status_code == 400
    assert web(org.employee).get(f"/meetings/series/new/?kind=weekly_sync&unit={org.platform.pk}").status_code == 403
    assert web(org.manager).get(f"/meetings/series/new/?kind=weekly_sync&unit={org.platform.pk}").status_code == 200
    assert web(org.manager).get("/meetings/series/new/?kind=bogus").status_code == 404


def test_the_page_invite_downloads(org, web, one_on_one):
    response = web(org.employee).get(f"/meetings/{one_on_one.pk}/invite.ics")
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content


def test_only_who_may_tick_an_action_item_sees_its_checkbox(org, web, sync):
    from meetings.selectors import meeting_detail
    from meetings.services import action_item_add

    item = action_item_add(meeting=meeting_detail(org.manager.user, sync.pk), by=org.manager.user, text="Runbook",
                           owner=org.employee.pk)
    toggle = f"/meetings/{sync.pk}/actions/{item.pk}/toggle/"
    assert toggle in web(org.employee).get(f"/meetings/{sync.pk}/").content.decode()
    assert toggle not in web(org.peer).get(f"/meetings/{sync.pk}/").content.decode()
    assert web(org.peer).post(toggle).status_code == 403
