"""One-on-ones in the export and the erasure: the report's series goes, the series they led stays."""

import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone

from meetings.models import ActionItem, Meeting, Note, Series, TalkingPoint

from .conftest import left

pytestmark = pytest.mark.django_db


def one_on_one(manager, report) -> Meeting:
    series = Series.objects.create(kind=Series.Kind.ONE_ON_ONE, manager=manager, report=report,
                                   time=datetime.time(10), starts_on=timezone.localdate())
    meeting = Meeting.objects.create(series=series, index=0, scheduled_at=timezone.now())
    TalkingPoint.objects.create(series=series, meeting=meeting, author=report, side="report", text="Career path")
    Note.objects.create(meeting=meeting, author=manager, text=f"{report.full_name} wants to lead")
    ActionItem.objects.create(series=series, meeting=meeting, text="Find a mentor", owner=report, created_by=manager)
    return meeting


def test_the_export_hr_makes_holds_nothing_of_their_one_on_ones(org, api):
    one_on_one(org.manager, org.employee)
    response = api(org.hr_admin).post(f"/api/people/{org.employee.pk}/export/")
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("person.json"))
    assert data["meetings"] == {"one_on_ones": [], "talking_points": [], "notes": [], "action_items": []}


def test_erasure_deletes_their_one_on_ones_and_stops_the_ones_they_led(org, api):
    theirs = one_on_one(org.manager, org.employee).series
    led = one_on_one(org.employee, org.peer).series
    employee = left(org.employee, days_ago=800, by=org.hr_admin)
    assert api(org.hr_admin).post(f"/api/people/{employee.pk}/erase/", {"confirm": True},
                                  format="json").status_code == 200
    assert not Series.objects.filter(pk=theirs.pk).exists()
    assert not Note.objects.filter(text__contains="Emil").exists()
    led.refresh_from_db()
    assert not led.active and TalkingPoint.objects.filter(series=led).count() == 1
