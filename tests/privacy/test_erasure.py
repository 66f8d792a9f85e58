"""Erasure: only people who left before the retention period; others' reviews stay, the person is gone."""

import io
import zipfile

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from notifications.models import Notification, NotificationSettings
from okrs.models import CheckIn, DevelopmentGoal, Objective, WeeklyPlan
from people.models import Person
from people.selectors import search_people
from privacy.erasure import erasable, erase_people, pseudonym
from privacy.models import PrivacyLog
from privacy.services import retention_run
from reviews.models import CalibrationChange, Conversation, FeedbackRequest, Review
from tests.factories import PersonFactory

from .conftest import left

pytestmark = pytest.mark.django_db


def erase(api, org, person, **body):
    return api(org.hr_admin).post(f"/api/people/{person.pk}/erase/", {"confirm": True, **body}, format="json")


def test_the_respondent_is_erased_and_their_feedback_on_others_stays(org, api, released):
    peer = left(org.peer, days_ago=800, by=org.hr_admin)
    Token.objects.create(user=peer.user)
    NotificationSettings.objects.create(person=peer, slack=True, slack_webhook="https://hooks.slack.com/x")
    before = list(FeedbackRequest.objects.filter(respondent=peer).values_list("answers", flat=True))

    response = erase(api, org, peer, reason="retention")
    assert response.status_code == 200, response.json()
    assert response.json() == {"id": peer.pk, "full_name": f"Former employee #{peer.pk}", "state": "inactive",
                               "erased": True}

    peer.refresh_from_db()
    assert peer.full_name == f"Former employee #{peer.pk}" and peer.title == ""
    assert peer.user.email == f"erased-{peer.user_id}@erased.invalid"
    assert not peer.user.has_usable_password() and not peer.user.is_active
    assert not Token.objects.filter(user=peer.user).exists()
    assert not NotificationSettings.objects.filter(person=peer).exists()
    # The feedback they wrote about the employee is intact, now under the pseudonym.
    assert list(FeedbackRequest.objects.filter(respondent=peer).values_list("answers", flat=True)) == before
    review = api(org.hr_admin).get(f"/api/reviews/{released.pk}/").json()
    names = {c["respondent"]["full_name"] for g in review["feedback"] for c in g["comments"]}
    assert names == {"Otto Outsider", f"Former employee #{peer.pk}"}
    assert review["self_review"]["answers"] and review["manager_review"]["answers"]


def test_the_erased_person_is_unfindable_and_cannot_log_in(org, api, web, released, client):
    peer = left(org.peer, days_ago=800, by=org.hr_admin)
    peer.user.is_active = True  # as if reactivated by hand: the erasure must still shut the login
    peer.user.save(update_fields=["is_active"])
    assert client.login(username="peer@example.com", password="demo")
    assert erase(api, org, peer).status_code == 200
    assert search_people(org.hr_admin.user, "Pia") == []
    assert search_people(org.hr_admin.user, "peer@example.com") == []
    listing = api(org.hr_admin).get("/api/people/", {"page_size": 500}).content.decode()
    assert "Pia" not in listing and "peer@example.com" not in listing
    chart = web(org.hr_admin).get("/org/", {"q": "Pia"}).content.decode()
    assert "Pia Peer" not in chart
    team = web(org.hr_admin).get(f"/org/{org.manager.pk}/").content.decode()
    assert "Pia" not in team and f"Former employee #{peer.pk}" not in team  # out of the org chart
    client.logout()
    assert not client.login(username="peer@example.com", password="demo")
    assert not client.login(username=f"erased-{peer.user_id}@erased.invalid", password="demo")


def test_the_reviewee_loses_what_belongs_to_them_alone(org, api, released):
    request = FeedbackRequest.objects.filter(review=released).first()
    about_them = [f"review:{released.pk}:approve_respondents", f"request:{request.pk}:give_feedback",
                  f"reminder:review:{released.pk}:write_manager_review", f"hr-reminder:request:{request.pk}:x"]
    for key in [*about_them, f"review:{released.pk}0:approve_respondents", "request:999:give_feedback"]:
        Notification.objects.create(person=org.manager, key=key, day="2031-01-02", template="task",
                                    subject="About Emil Employee")
    employee = left(org.employee, days_ago=800, by=org.hr_admin)
    assert erase(api, org, employee).status_code == 200
    review = Review.objects.get(pk=released.pk)
    assert review.self_answers == [] and review.manager_answers == [] and review.calibration_reason == ""
    assert review.calibrated_rating == 4  # the rating stays for the cycle's statistics
    assert all(r.answers == [] for r in FeedbackRequest.objects.filter(review=review))
    conversation = Conversation.objects.get(review=review)
    assert (conversation.notes, conversation.private_notes, conversation.actions) == ("", "", [])
    assert not CalibrationChange.objects.filter(review=review).exclude(reason="").exists()
    assert not DevelopmentGoal.objects.filter(person=employee).exists()
    assert not WeeklyPlan.objects.filter(person=employee).exists()
    assert not Notification.objects.filter(person=employee).exists()
    # Messages to others about their review go too; others' stay.
    assert set(Notification.objects.filter(person=org.manager).values_list("key", flat=True)) == {
        f"review:{released.pk}0:approve_respondents", "request:999:give_feedback"}
    # Work records stay, under the pseudonym: their objectives and check-ins.
    assert Objective.objects.filter(owner=employee).exists() and CheckIn.objects.filter(author=employee).exists()


def test_the_log_survives_the_erasure_under_the_pseudonym(org, api, released):
    peer = left(org.peer, days_ago=800, by=org.hr_admin)
    api(org.hr_admin).post(f"/api/people/{peer.pk}/export/")
    erase(api, org, peer)
    entries = list(PrivacyLog.objects.filter(subject_id=peer.pk).order_by("at", "pk"))
    assert [e.action for e in entries] == ["export", "erase"]
    assert {e.subject_label for e in entries} == {pseudonym(peer.pk)}
    assert entries[1].actor == org.hr_admin.user and entries[1].details == {"reason": ""}


def test_only_people_past_the_retention_period_can_be_erased(org, api, settings):
    settings.PRIVACY_RETENTION_DAYS = 365
    response = erase(api, org, org.employee)
    assert response.status_code == 409 and response.json()["state"] == "active"
    recent = left(org.peer, days_ago=100, by=org.hr_admin)
    assert erase(api, org, recent).status_code == 409
    due = left(org.outsider, days_ago=400, by=org.hr_admin)
    assert erase(api, org, due).status_code == 200
    assert erase(api, org, due).status_code == 409  # once only
    assert PrivacyLog.objects.filter(action="erase").count() == 1


def test_erasing_needs_confirmation(org, api):
    peer = left(org.peer, days_ago=800, by=org.hr_admin)
    for body in ({}, {"confirm": False}, {"confirm": "maybe"}):
        response = api(org.hr_admin).post(f"/api/people/{peer.pk}/erase/", body, format="json")
        assert response.status_code == 400 and "confirm" in response.json()
    assert Person.objects.get(pk=peer.pk).full_name == "Pia Peer"


@pytest.mark.parametrize("who", ["peer", "manager", "hr_partner", "outsider"])
def test_others_get_404(org, api, web, who):
    target = left(org.employee, days_ago=800, by=org.hr_admin)
    caller = getattr(org, who)
    assert api(caller).post(f"/api/people/{target.pk}/erase/", {"confirm": True}, format="json").status_code == 404
    assert web(caller).post(f"/privacy/people/{target.pk}/erase/", {"confirm": "on"}).status_code == 404
    assert Person.objects.get(pk=target.pk).full_name == "Emil Employee"


def test_the_page_erases_after_confirmation(org, web):
    peer = left(org.peer, days_ago=800, by=org.hr_admin)
    client = web(org.hr_admin)
    assert b"Erase this person" in client.get(f"/privacy/people/{peer.pk}/").content
    assert client.post(f"/privacy/people/{peer.pk}/erase/", {}).status_code == 400
    assert Person.objects.get(pk=peer.pk).full_name == "Pia Peer"
    assert client.post(f"/privacy/people/{peer.pk}/erase/", {"confirm": "on"}).status_code == 302
    assert Person.objects.get(pk=peer.pk).full_name == pseudonym(peer.pk)
    page = client.get(f"/privacy/people/{peer.pk}/").content.decode()
    assert "already been erased" in page and "Erase this person" not in page
    assert client.get(f"/privacy/people/{peer.pk}/erase/").status_code == 405


def test_the_retention_run_erases_everyone_due_once(org, settings):
    settings.PRIVACY_RETENTION_DAYS = 30
    due = [left(p, days_ago=31, by=org.hr_admin) for p in (org.peer, org.outsider)]
    left(org.inactive, days_ago=5, by=org.hr_admin)
    assert {p.pk for p in erasable()} == {p.pk for p in due}
    call_command("privacy_retention")  # queued; the test backend runs it at once
    assert {p.full_name for p in Person.objects.filter(pk__in=[p.pk for p in due])} == {
        pseudonym(p.pk) for p in due}
    assert Person.objects.get(pk=org.inactive.pk).full_name == "Ina Inactive"
    assert retention_run() == 0
    assert PrivacyLog.objects.filter(action="erase", actor__isnull=True).count() == 2


def test_the_retention_run_is_set_based(org, settings, django_assert_max_num_queries):
    settings.PRIVACY_RETENTION_DAYS = 30

    def erase_many(n: int) -> int:
        people = [left(PersonFactory(manager=org.ceo, unit=org.sales), days_ago=40, by=org.hr_admin)
                  for _ in range(n)]
        with django_assert_max_num_queries(32) as captured:
            assert len(erase_people([p.pk for p in people])) == n
        return len(captured.captured_queries)

    erase_many(1)  # warms the content-type cache
    assert erase_many(2) == erase_many(12)


def test_a_leaver_someone_still_reports_to_keeps_their_place_but_not_their_name(org, api):
    manager = left(org.manager, days_ago=800, by=org.hr_admin)
    assert erase(api, org, manager).status_code == 200
    manager.refresh_from_db()
    org.platform.refresh_from_db()
    assert manager.full_name == pseudonym(manager.pk)
    assert manager.manager_id == org.skip.pk  # the employee and the peer still report to them
    assert org.platform.lead_id is None


def test_the_export_of_an_erased_person_holds_no_name_or_email(org, api, released):
    employee = left(org.employee, days_ago=800, by=org.hr_admin)
    erase(api, org, employee)
    response = api(org.hr_admin).post(f"/api/people/{employee.pk}/export/")
    assert response.status_code == 200
    text = zipfile.ZipFile(io.BytesIO(response.content)).read("person.json").decode()
    assert "Emil" not in text and "employee@example.com" not in text
    assert pseudonym(employee.pk) in text


def test_the_command_counts_runs_or_queues(org, settings):
    from io import StringIO

    settings.PRIVACY_RETENTION_DAYS = 30
    left(org.peer, days_ago=31, by=org.hr_admin)
    out = StringIO()
    call_command("privacy_retention", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "1 people left more than 30 days ago."
    assert Person.objects.get(pk=org.peer.pk).full_name == "Pia Peer"
    call_command("privacy_retention", "--now", stdout=out)
    assert "1 people erased." in out.getvalue()
    call_command("privacy_retention", stdout=out)
    assert "Retention run queued" in out.getvalue()
    assert PrivacyLog.objects.filter(action="erase").count() == 1
