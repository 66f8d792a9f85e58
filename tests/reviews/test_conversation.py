"""The results conversation: planned by the manager once results are released, scheduled with an invite,
held with shared and private notes, acknowledged by both sides; the private notes never reach the employee."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from documents.review_summary import summary_context, summary_pdf
from okrs.models import DevelopmentGoal
from reviews.models import Conversation, Review
from reviews.selectors import review_detail
from reviews.selectors.conversations import conversation_detail
from tests.cycles.factories import walk
from tests.documents.conftest import pdf_text
from workflows.errors import TransitionConflict, TransitionForbidden
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

AT = "2030-03-01T10:00:00+00:00"


@pytest.fixture
def released(org, cycle):
    return walk(org, cycle, "released")


@pytest.fixture
def conversation(api, org, released):
    response = api(org.manager).post("/api/conversations/", {"review": released.pk}, format="json")
    assert response.status_code == 201, response.content
    return Conversation.objects.get(pk=response.json()["id"])


def time_has_come(conversation):
    """The scheduled time has passed (a conversation is marked held only once it has taken place)."""
    Conversation.objects.filter(pk=conversation.pk).update(scheduled_at=timezone.now() - dt.timedelta(hours=1))


def _held(api, org, conversation):
    client = api(org.manager)
    assert client.post(f"/api/conversations/{conversation.pk}/transitions/schedule/", {"at": AT},
                       format="json").status_code == 200
    time_has_come(conversation)
    response = client.post(f"/api/conversations/{conversation.pk}/transitions/hold/", {
        "notes": "We talked about the launch.", "private_notes": "Consider for promotion next year.",
        "actions": ["Pair with the platform team", "  "],
    }, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def test_it_runs_the_conversation_end_to_end(api, org, released, conversation, settings):
    held = _held(api, org, conversation)
    assert held["state"] == "held"
    assert held["actions"] == ["Pair with the platform team"]
    assert held["private_notes"] == "Consider for promotion next year."
    employee, manager = api(org.employee), api(org.manager)
    assert employee.patch(f"/api/conversations/{conversation.pk}/", {
        "employee_feedback": "More time for one-to-ones, please.", "disagreement": "The rating is low."
    }, format="json").status_code == 200

    first = employee.post(f"/api/conversations/{conversation.pk}/transitions/acknowledge/", {}, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["state"] == "held"
    assert first.json()["employee_acknowledged_at"] is not None
    # The employee's acknowledgement of the conversation acknowledges their released review too.
    assert Review.objects.get(pk=released.pk).state == Review.State.ACKNOWLEDGED
    again = employee.post(f"/api/conversations/{conversation.pk}/transitions/acknowledge/", {}, format="json")
    assert again.status_code == 409

    second = manager.post(f"/api/conversations/{conversation.pk}/transitions/acknowledge/", {}, format="json")
    assert second.status_code == 200
    assert second.json()["state"] == "acknowledged"
    assert second.json()["employee_feedback"] == "More time for one-to-ones, please."
    # Closed for edits, except the disagreement.
    assert manager.patch(f"/api/conversations/{conversation.pk}/", {"notes": "late"}, format="json").status_code == 409
    assert employee.patch(f"/api/conversations/{conversation.pk}/", {"disagreement": "Still."},
                          format="json").status_code == 200


def test_it_hides_the_private_notes_from_the_employee_in_the_api_and_the_page(api, web, org, conversation):
    _held(api, org, conversation)
    data = api(org.employee).get(f"/api/conversations/{conversation.pk}/").json()
    assert "private_notes" not in data
    assert data["notes"] == "We talked about the launch."
    listed = api(org.employee).get("/api/conversations/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows and all("private_notes" not in row for row in rows)
    page = web(org.employee).get(reverse("reviews:conversation", args=[conversation.pk])).content.decode()
    assert "Consider for promotion" not in page
    assert "We talked about the launch." in page
    for reader in (org.manager, org.skip, org.hr_partner, org.hr_admin):
        assert api(reader).get(f"/api/conversations/{conversation.pk}/").json()["private_notes"] == (
            "Consider for promotion next year.")
    assert "Consider for promotion" in web(org.manager).get(
        reverse("reviews:conversation", args=[conversation.pk])).content.decode()


def test_the_employee_may_not_write_private_notes_nor_hold_it(api, org, conversation):
    employee = api(org.employee)
    assert employee.patch(f"/api/conversations/{conversation.pk}/", {"private_notes": "x"},
                          format="json").status_code == 403
    assert employee.post(f"/api/conversations/{conversation.pk}/transitions/schedule/", {"at": AT},
                         format="json").status_code == 403


def test_an_outsider_gets_404_and_a_second_conversation_is_a_conflict(api, org, released, conversation):
    assert api(org.outsider).get(f"/api/conversations/{conversation.pk}/").status_code == 404
    assert api(org.outsider).post("/api/conversations/", {"review": released.pk}, format="json").status_code == 404
    again = api(org.manager).post("/api/conversations/", {"review": released.pk}, format="json")
    assert again.status_code == 409
    assert api(org.employee).post("/api/conversations/", {"review": released.pk}, format="json").status_code == 403
    assert api(org.manager).delete(f"/api/conversations/{conversation.pk}/").status_code == 405


def test_no_conversation_before_release(api, org, cycle):
    review = walk(org, cycle, "manager_submitted")
    assert api(org.manager).post("/api/conversations/", {"review": review.pk}, format="json").status_code == 409


def test_scheduling_sends_an_invite_with_the_ics_link_and_the_ics_names_both(
    api, org, conversation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(org.manager).post(f"/api/conversations/{conversation.pk}/transitions/schedule/",
                                         {"at": AT}, format="json")
    assert response.status_code == 200
    assert api(org.manager).post(f"/api/conversations/{conversation.pk}/transitions/schedule/",
                                 {"at": "not a date"}, format="json").status_code == 400
    invites = [m for m in mail.outbox if org.employee.email in m.to]
    assert invites and f"/reviews/conversations/{conversation.pk}/invite.ics" in invites[-1].body
    ics = api(org.employee).get(f"/api/conversations/{conversation.pk}/invite.ics")
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode().replace("\r\n ", "")  # unfold the folded lines
    assert "BEGIN:VEVENT" in body and "DTSTART:20300301T100000Z" in body
    assert org.employee.email in body and org.manager.email in body
    assert api(org.outsider).get(f"/api/conversations/{conversation.pk}/invite.ics").status_code == 404


def test_development_goals_agreed_in_the_conversation_go_to_okrs(web, org, api, conversation):
    api(org.manager).post(f"/api/conversations/{conversation.pk}/transitions/schedule/", {"at": AT}, format="json")
    response = web(org.manager).post(reverse("reviews:conversation_goal", args=[conversation.pk]),
                                     {"title": "Lead a design review", "due_date": "2030-06-30"})
    assert response.status_code == 302
    goal = DevelopmentGoal.objects.get(title="Lead a design review")
    assert goal.person_id == org.employee.pk
    assert goal.source == DevelopmentGoal.Source.CONVERSATION
    assert goal.due_date == dt.date(2030, 6, 30)
    assert web(org.employee).post(reverse("reviews:conversation_goal", args=[conversation.pk]),
                                  {"title": "Mine"}).status_code == 403


def test_the_agenda_is_built_from_the_review(api, org, conversation):
    data = api(org.employee).get(f"/api/conversations/{conversation.pk}/").json()
    agenda = data["agenda"]
    assert agenda["final_rating"] == 4
    assert agenda["calibration_reason"] == "calibrated"
    assert isinstance(agenda["goals"], list) and agenda["goals"][0]["title"] == "Launch the mobile app"
    # Two peers answered (threshold 2): the comments are there, without names.
    assert any("Good work" in texts for theme in agenda["feedback"] for texts in theme["comments"])


def test_the_agenda_runs_a_fixed_number_of_queries(api, org, conversation, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert api(org.manager).get(f"/api/conversations/{conversation.pk}/").status_code == 200


def test_the_conversation_pages_answer_their_readers(web, org, conversation):
    url = reverse("reviews:conversation", args=[conversation.pk])
    assert web(org.manager).get(url).status_code == 200
    assert web(org.outsider).get(url).status_code == 404
    assert web(org.manager).get(reverse("reviews:conversation_save", args=[conversation.pk])).status_code == 405
    saved = web(org.employee).post(reverse("reviews:conversation_save", args=[conversation.pk]),
                                   {"notes": "From me", "employee_feedback": "Thanks"})
    assert saved.status_code == 302
    assert Conversation.objects.get(pk=conversation.pk).employee_feedback == "Thanks"
    assert web(org.employee).post(reverse("reviews:conversation_save", args=[conversation.pk]),
                                  {"private_notes": "mine"}).status_code == 403
    review_page = web(org.manager).get(reverse("reviews:review", args=[conversation.review_id])).content.decode()
    assert url in review_page


def test_the_summary_pdf_shows_the_outcome_but_never_the_private_notes_to_the_employee(api, org, conversation):
    _held(api, org, conversation)
    for reader, sees_private in ((org.employee, False), (org.manager, True)):
        review = review_detail(reader.user, conversation.review_id)
        loaded = conversation_detail(reader.user, conversation.pk)
        context = summary_context(review, reader.user)
        assert context["conversation"]["notes"] == "We talked about the launch."
        assert ("private_notes" in context["conversation"]) is sees_private
        text = pdf_text(summary_pdf(review, reader.user, language="en"))
        assert "Pair with the platform team" in text
        assert ("Consider for promotion" in text) is sees_private
        assert loaded.pk == conversation.pk


def test_the_runner_refuses_hold_before_schedule(org, conversation):
    with pytest.raises(TransitionConflict):
        run_transition(conversation, "hold", by=org.manager.user)
    with pytest.raises(TransitionForbidden):
        run_transition(conversation, "schedule", by=org.peer.user, at=AT)


def test_a_side_that_has_acknowledged_is_no_longer_offered_the_acknowledgement(api, org, conversation):
    """Listing what the caller may run asks the same conditions as running it."""
    held = _held(api, org, conversation)
    url = f"/api/conversations/{held['id']}/"
    assert "acknowledge" in api(org.employee).get(url).json()["transitions"]
    assert api(org.employee).post(f"{url}transitions/acknowledge/", format="json").status_code == 200
    assert "acknowledge" not in api(org.employee).get(url).json()["transitions"]
    assert "acknowledge" in api(org.manager).get(url).json()["transitions"]
