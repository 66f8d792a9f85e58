"""The meetings API: who sees what (404), who may write (403), bad input (400 with field messages)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import ActionItem, Meeting, Series, TalkingPoint

from .conftest import meeting_at, series

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def sync(org):
    return meeting_at(series(Series.Kind.WEEKLY_SYNC, unit=org.platform), timezone.now() + DAY, 5)


@pytest.fixture
def one_on_one(org):
    return meeting_at(series(Series.Kind.ONE_ON_ONE, manager=org.manager, report=org.employee),
                      timezone.now() + DAY, 2)


@pytest.mark.parametrize(("who", "status"), [
    ("employee", 200), ("manager", 200), ("skip", 200), ("ceo", 200), ("hr_partner", 200), ("hr_admin", 200),
    ("outsider", 404), ("inactive", 404),
])
def test_a_unit_meeting_is_read_by_its_unit_the_chain_above_and_hr(org, api, sync, who, status):
    assert api(getattr(org, who)).get(f"/api/meetings/{sync.pk}/").status_code == status


@pytest.mark.parametrize(("who", "status"), [
    ("employee", 200), ("manager", 200), ("peer", 404), ("skip", 404), ("hr_partner", 404), ("hr_admin", 404),
])
def test_a_one_on_one_is_read_by_its_two_people_only(org, api, one_on_one, who, status):
    assert api(getattr(org, who)).get(f"/api/meetings/{one_on_one.pk}/").status_code == status


def test_the_meeting_list_is_paginated_and_scoped(org, api, sync, one_on_one):
    body = api(org.peer).get("/api/meetings/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [m["id"] for m in body["results"]] == [sync.pk]
    assert api(org.outsider).get("/api/meetings/").json()["count"] == 0


def test_the_meeting_detail_carries_the_agenda(org, api, sync):
    body = api(org.employee).get(f"/api/meetings/{sync.pk}/").json()
    assert body["kind"] == "weekly_sync" and body["invite"] == f"/api/meetings/{sync.pk}/invite.ics"
    assert set(body["agenda"]) >= {"board", "moved", "at_risk", "action_items", "notes", "decisions"}


def test_the_invite_is_an_icalendar_event_with_the_attendees(org, api, sync):
    response = api(org.employee).get(f"/api/meetings/{sync.pk}/invite.ics")
    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert f"UID:meeting-{sync.pk}@perfcycle" in text and "BEGIN:VEVENT" in text
    assert "mailto:peer@example.com" in text and "inactive@example.com" not in text
    assert api(org.outsider).get(f"/api/meetings/{sync.pk}/invite.ics").status_code == 404


def test_the_manager_sets_up_a_one_on_one_and_its_meetings_are_created(org, api):
    response = api(org.manager).post("/api/meeting-series/", {"kind": "one_on_one", "report": org.peer.pk,
                                                              "weekday": 3, "time": "09:30"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["interval_weeks"] == 2 and response.json()["can_manage"]
    assert Meeting.objects.filter(series_id=response.json()["id"]).exists()


def test_a_one_on_one_only_with_ones_own_report(org, api):
    response = api(org.employee).post("/api/meeting-series/", {"kind": "one_on_one", "report": org.peer.pk},
                                      format="json")
    assert response.status_code == 400 and "report" in response.json()


@pytest.mark.parametrize("body", [
    {"kind": "weekly_sync", "unit": 999999},
    {"kind": "fortnightly"},
    {"kind": "weekly_sync", "weekday": 6},
    {"kind": "weekly_sync", "time": "25:00"},
    {"kind": "weekly_sync", "interval_weeks": 0},
    {"kind": "weekly_sync", "colour": "red"},
])
def test_bad_series_input_answers_400_with_field_messages(org, api, body):
    body = {"unit": org.sales.pk, **body}
    response = api(org.hr_admin).post("/api/meeting-series/", body, format="json")
    assert response.status_code == 400
    assert all(isinstance(v, list) for v in response.json().values())


def test_only_the_units_lead_or_above_changes_its_series(org, api, sync):
    url = f"/api/meeting-series/{sync.series_id}/"
    assert api(org.employee).patch(url, {"time": "11:00"}, format="json").status_code == 403
    assert api(org.outsider).patch(url, {"time": "11:00"}, format="json").status_code == 404
    response = api(org.skip).patch(url, {"time": "11:00", "weekday": 1}, format="json")
    assert response.status_code == 200 and response.json()["time"] == "11:00:00"
    assert api(org.manager).delete(url).status_code == 405


def test_either_side_raises_and_closes_talking_points(org, api, one_on_one):
    response = api(org.employee).post("/api/talking-points/", {"meeting": one_on_one.pk, "text": "Promotion"},
                                      format="json")
    assert response.status_code == 201 and response.json()["side"] == "report"
    point = response.json()["id"]
    closed = api(org.manager).patch(f"/api/talking-points/{point}/", {"closed": True}, format="json")
    assert closed.status_code == 200 and closed.json()["closed"]
    assert api(org.manager).patch(f"/api/talking-points/{point}/", {"text": "x"}, format="json").status_code == 403
    assert api(org.peer).get(f"/api/talking-points/{point}/").status_code == 404
    assert TalkingPoint.objects.get(pk=point).closed_in_id == one_on_one.pk


def test_talking_points_belong_to_one_on_ones(org, api, sync):
    response = api(org.manager).post("/api/talking-points/", {"meeting": sync.pk, "text": "x"}, format="json")
    assert response.status_code == 400 and "meeting" in response.json()


def test_action_items_need_an_owner_who_attends(org, api, sync):
    client = api(org.employee)
    bad = client.post("/api/action-items/", {"meeting": sync.pk, "text": "Ship", "owner": org.outsider.pk},
                      format="json")
    assert bad.status_code == 400 and "owner" in bad.json()
    assert client.post("/api/action-items/", {"meeting": sync.pk, "text": "", "owner": org.peer.pk},
                       format="json").status_code == 400
    assert client.post("/api/action-items/", {"meeting": sync.pk, "text": "x", "owner": org.peer.pk,
                                              "due_on": "tomorrow"}, format="json").status_code == 400
    made = client.post("/api/action-items/", {"meeting": sync.pk, "text": "Ship", "owner": org.peer.pk,
                                               "due_on": "2030-01-01"}, format="json")
    assert made.status_code == 201
    item = made.json()["id"]
    assert api(org.hr_partner).patch(f"/api/action-items/{item}/", {"done": True}, format="json").status_code == 403
    done = api(org.peer).patch(f"/api/action-items/{item}/", {"done": True}, format="json")
    assert done.status_code == 200 and done.json()["done"]
    assert ActionItem.objects.get(pk=item).done_at is not None


def test_hr_reads_unit_meetings_but_does_not_write_in_them(org, api, sync):
    response = api(org.hr_partner).post("/api/meeting-notes/", {"meeting": sync.pk, "text": "x"}, format="json")
    assert response.status_code == 403


def test_notes_and_decisions(org, api, sync):
    client = api(org.peer)
    made = client.post("/api/meeting-notes/", {"meeting": sync.pk, "kind": "decision", "text": "Go with Postgres"},
                       format="json")
    assert made.status_code == 201 and made.json()["kind"] == "decision"
    assert api(org.employee).patch(f"/api/meeting-notes/{made.json()['id']}/", {"text": "no"},
                                   format="json").status_code == 403
    assert client.post("/api/meeting-notes/", {"meeting": 0, "text": "x"}, format="json").status_code == 400
    assert client.post("/api/meeting-notes/", ["x"], format="json").status_code == 400
    agenda = api(org.employee).get(f"/api/meetings/{sync.pk}/").json()["agenda"]
    assert [d["text"] for d in agenda["decisions"]] == ["Go with Postgres"]


def test_writing_needs_a_login(client, sync):
    assert client.get("/api/meetings/").status_code == 401
