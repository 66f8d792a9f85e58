"""The export HR makes holds nothing of the person's one-on-ones: a one-on-one is its two people's alone
(meetings.rules), not HR's, not even that it exists; what the person wrote in their unit's meetings is there."""

import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone

from meetings.models import Meeting, Note, Series, TalkingPoint

from .test_meetings import one_on_one

pytestmark = pytest.mark.django_db


def exported(api, reader, person) -> dict:
    response = api(reader).post(f"/api/people/{person.pk}/export/")
    assert response.status_code == 200
    return json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("person.json"))["meetings"]


def test_hr_exporting_a_person_gets_none_of_their_one_on_ones(org, api):
    one_on_one(org.manager, org.employee)
    meetings = exported(api, org.hr_admin, org.employee)
    assert meetings == {"one_on_ones": [], "talking_points": [], "notes": [], "action_items": []}
    text = json.dumps(meetings)
    assert "Career path" not in text and "wants to lead" not in text and "Find a mentor" not in text


def test_nor_the_one_on_ones_the_person_leads(org, api):
    one_on_one(org.employee, org.peer)
    meetings = exported(api, org.hr_admin, org.employee)
    assert meetings["one_on_ones"] == [] and meetings["notes"] == []


def test_what_they_wrote_in_their_units_meeting_is_there(org, api):
    series = Series.objects.create(kind=Series.Kind.WEEKLY_SYNC, unit=org.platform, time=datetime.time(10),
                                   starts_on=timezone.localdate())
    meeting = Meeting.objects.create(series=series, index=0, scheduled_at=timezone.now())
    TalkingPoint.objects.create(series=series, meeting=meeting, author=org.employee, side="report",
                                text="Release train")
    Note.objects.create(meeting=meeting, author=org.employee, text="We ship on Friday")
    meetings = exported(api, org.hr_admin, org.employee)
    assert [p["text"] for p in meetings["talking_points"]] == ["Release train"]
    assert [n["text"] for n in meetings["notes"]] == ["We ship on Friday"]
