"""Praise and feedback outside the cycles in the personal-data export and the erasure."""

import io
import json
import zipfile

import pytest

from continuous.models import AskRespondent, Feedback, FeedbackAsk, ManagerNote, Praise, PraiseRecipient
from continuous.services import feedback_ask_create, feedback_create, note_create, praise_create
from notifications.models import Notification

from .conftest import left

pytestmark = pytest.mark.django_db


@pytest.fixture
def continuous(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = {
            "received": praise_create(by=org.peer.user, recipients=[org.employee.pk], message="Thanks for the fix"),
            "shared_by_two": praise_create(by=org.peer.user, recipients=[org.employee.pk, org.outsider.pk],
                                           message="Great launch"),
            "given": praise_create(by=org.employee.user, recipients=[org.peer.pk], message="Thanks for the review"),
            "private": feedback_create(by=org.peer.user, about=org.employee.pk, text="Rushes reviews",
                                       visibility="private_to_manager"),
            "shared": feedback_create(by=org.peer.user, about=org.employee.pk, text="Clear demo",
                                      visibility="shared_with_person"),
            "wrote": feedback_create(by=org.employee.user, about=org.peer.pk, text="Helpful pairing",
                                     visibility="private_to_manager"),
            "ask": feedback_ask_create(by=org.employee.user, about=org.employee.pk, respondents=[org.peer.pk],
                                       question="How was my planning?"),
            "manager_ask": feedback_ask_create(by=org.manager.user, about=org.employee.pk,
                                               respondents=[org.peer.pk], question="Ready to lead?"),
            "note_about": note_create(by=org.manager.user, about=org.employee.pk, text="Flight risk"),
        }
    return out


def _export(api, org, person) -> dict:
    response = api(org.hr_admin).post(f"/api/people/{person.pk}/export/")
    assert response.status_code == 200
    return json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("person.json"))["praise_and_feedback"]


def test_the_export_holds_what_the_person_may_read_of_their_praise_and_feedback(org, api, continuous):
    data = _export(api, org, org.employee)
    assert {p["message"] for p in data["praise_received"]} == {"Thanks for the fix", "Great launch"}
    assert [p["message"] for p in data["praise_given"]] == ["Thanks for the review"]
    assert [f["text"] for f in data["feedback_given"]] == ["Helpful pairing"]
    assert [f["text"] for f in data["feedback_received"]] == ["Clear demo"]
    assert [a["question"] for a in data["asks_made"]] == ["How was my planning?"]
    assert data["notes_written"] == []
    assert data["reactions"] == []
    text = json.dumps(data)
    assert "Rushes reviews" not in text and "Flight risk" not in text and "Ready to lead?" not in text


def test_a_managers_export_holds_the_notes_they_wrote(org, api, continuous):
    data = _export(api, org, org.manager)
    assert [n["text"] for n in data["notes_written"]] == ["Flight risk"]
    assert data["notes_written"][0]["about__full_name"] == "Emil Employee"
    assert [a["question"] for a in data["asks_made"]] == ["Ready to lead?"]
    peer = _export(api, org, org.peer)
    assert {a["question"] for a in peer["asks_received"]} == {"How was my planning?", "Ready to lead?"}


def test_erasure_deletes_what_was_written_about_them_and_keeps_what_they_gave(org, api, continuous):
    note_by_them = note_create(by=org.manager.user, about=org.peer.pk, text="Mentor material")
    manager = left(org.manager, days_ago=800, by=org.hr_admin)
    employee = left(org.employee, days_ago=800, by=org.hr_admin)
    for person in (employee, manager):
        assert api(org.hr_admin).post(f"/api/people/{person.pk}/erase/", {"confirm": True},
                                      format="json").status_code == 200
    assert not Feedback.objects.filter(about=employee).exists()
    assert not FeedbackAsk.objects.filter(about=employee).exists()
    assert not AskRespondent.objects.filter(ask_id=continuous["ask"].pk).exists()
    assert not ManagerNote.objects.filter(pk__in=[continuous["note_about"].pk, note_by_them.pk]).exists()
    assert not Praise.objects.filter(pk=continuous["received"].pk).exists()
    assert list(PraiseRecipient.objects.filter(praise=continuous["shared_by_two"]).values_list(
        "person_id", flat=True)) == [org.outsider.pk]
    assert Praise.objects.filter(pk=continuous["given"].pk).exists()
    assert Feedback.objects.filter(pk=continuous["wrote"].pk).exists()
    assert not Notification.objects.filter(key__in=[f"feedback:{continuous['private'].pk}:manager",
                                                    f"ask:{continuous['ask'].pk}",
                                                    f"praise:{continuous['received'].pk}"]).exists()
