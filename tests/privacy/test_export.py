"""The export: everything about one person as JSON plus their review PDFs, HR admin only, logged."""

import io
import json
import zipfile

import pytest

from okrs.models import CheckIn, KeyResult
from privacy.export import person_export
from privacy.models import PrivacyLog
from tests.cycles.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db


def unzip(response) -> tuple[dict, dict[str, bytes]]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(files.pop("person.json")), files


def test_it_exports_everything_about_the_person(org, api, released):
    response = api(org.hr_admin).post(f"/api/people/{org.employee.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"personal-data-{org.employee.pk}.zip" in response["Content-Disposition"]
    data, files = unzip(response)

    assert data["person"]["email"] == "employee@example.com"
    assert data["person"]["full_name"] == "Emil Employee"
    assert data["person"]["manager"]["full_name"] == "Mia Manager"
    assert data["roles"]["now"] == ["employee"]
    assert data["history"] == [{"cycle": "Spring review", "unit": "Acme/Engineering/Platform",
                                "manager": {"id": org.manager.pk, "full_name": "Mia Manager"}}]
    goals = data["goals"]
    assert [o["title"] for o in goals["objectives"]] == ["Ship the mobile app"]
    assert goals["key_results"][0]["title"] == "Crash-free sessions"
    assert goals["check_ins"][0]["note"] == "Fixed the login crash"
    assert goals["development_goals"][0]["actions"] == "Talk at the meetup"
    assert goals["weekly_boards"][0]["priorities"] == "Release 2.0"

    [review] = data["reviews"]
    assert review["id"] == released.pk and review["state"] == "released"
    # The HR view: self and manager parts, the potential, and the feedback named.
    assert {a["text"] for a in review["self_review"]["answers"]} == {"Done"}
    assert review["manager_review"]["answers"][0]["text"] == "Solid"
    assert review["manager_review"]["potential"] == 2
    assert review["final_rating"] == 4 and review["calibration_changes"][0]["reason"] == "calibrated"
    comments = [c for group in review["feedback"] for c in group["comments"]]
    assert {c["respondent"]["full_name"] for c in comments} == {"Pia Peer", "Otto Outsider"}

    [conversation] = data["conversations"]
    assert conversation["notes"] == "Great year" and conversation["private_notes"] == "Flight risk"
    assert conversation["actions"] == ["Lead the next release"]
    assert [n["subject"] for n in data["notifications"]] == ["Write your self-review"]
    assert data["downloads_of_their_documents"][0]["user__email"] == "manager@example.com"
    assert {row["transition"] for row in data["changes_made"]} >= {"submit_self_review"}
    assert data["feedback_given"] == []

    [(name, pdf)] = files.items()
    assert name == f"reviews/review-{released.pk}-Emil-Employee.pdf" and pdf.startswith(b"%PDF")


def test_the_export_of_a_respondent_holds_the_feedback_they_wrote(org, api, released):
    data, _files = unzip(api(org.hr_admin).post(f"/api/people/{org.peer.pk}/export/"))
    [given] = data["feedback_given"]
    assert given["about"]["full_name"] == "Emil Employee" and given["state"] == "submitted"
    assert {a["text"] for a in given["answers"] if a.get("text")} == {"Good work"}
    assert all(a["question_text"] for a in given["answers"])
    assert data["reviews"] == [] or all(r["id"] != released.pk for r in data["reviews"])


def test_every_export_is_logged(org, api, released):
    api(org.hr_admin).post(f"/api/people/{org.employee.pk}/export/")
    [entry] = PrivacyLog.objects.all()
    assert entry.action == "export" and entry.subject_id == org.employee.pk
    assert entry.actor == org.hr_admin.user and entry.actor_name == "Hugo Admin"
    assert entry.subject_label == "Emil Employee" and entry.details["bytes"] > 0


@pytest.mark.parametrize("who", ["employee", "manager", "skip", "hr_partner", "outsider"])
def test_others_get_404_and_nothing_is_logged(org, api, web, who):
    caller = getattr(org, who)
    assert api(caller).post(f"/api/people/{org.employee.pk}/export/").status_code == 404
    assert web(caller).get(f"/privacy/people/{org.employee.pk}/").status_code == 404
    assert web(caller).post(f"/privacy/people/{org.employee.pk}/export/").status_code == 404
    assert not PrivacyLog.objects.exists()


def test_wrong_method_unknown_person_and_anonymous(org, api):
    assert api(org.hr_admin).get(f"/api/people/{org.employee.pk}/export/").status_code == 405
    assert api(org.hr_admin).post("/api/people/999999/export/").status_code == 404
    assert api().post(f"/api/people/{org.employee.pk}/export/").status_code == 401


def test_the_page_offers_export_and_downloads_the_zip(org, web, released):
    client = web(org.hr_admin)
    card = client.get(f"/org/{org.employee.pk}/")
    assert f"/privacy/people/{org.employee.pk}/".encode() in card.content
    page = client.get(f"/privacy/people/{org.employee.pk}/")
    assert page.status_code == 200 and b"Download the export" in page.content
    response = client.post(f"/privacy/people/{org.employee.pk}/export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(response.content)).namelist()[0] == "person.json"
    assert client.get(f"/privacy/people/{org.employee.pk}/export/").status_code == 405
    assert b"Hugo Admin" in client.get(f"/privacy/people/{org.employee.pk}/").content


def _grow(person, n: int) -> None:
    for i in range(n):
        goal = ObjectiveFactory(owner=person, title=f"Extra {i}")
        kr = KeyResult.objects.create(objective=goal, title=f"KR {i}", target=10, owner=person)
        CheckIn.objects.bulk_create([CheckIn(key_result=kr, value=j, confidence=5, author=person) for j in range(5)])


def test_the_export_reads_a_fixed_number_of_queries(org, released):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        org.hr_admin.user.refresh_from_db()
        with CaptureQueriesContext(connection) as ctx:
            person_export(org.employee, org.hr_admin.user)
        return len(ctx.captured_queries)

    count()  # warms the content-type cache
    small = count()
    _grow(org.employee, 4)
    assert count() == small
    assert small <= 40


def test_a_second_review_adds_no_query(org, released):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cycles.models import ReviewCycle
    from tests.cycles.factories import advance, make_cycle

    def count() -> int:
        org.hr_admin.user.refresh_from_db()
        with CaptureQueriesContext(connection) as ctx:
            person_export(org.employee, org.hr_admin.user)
        return len(ctx.captured_queries)

    count()  # warms the content-type cache
    before = count()
    ReviewCycle.objects.filter(pk=released.cycle_id).update(state=ReviewCycle.State.CLOSED)
    advance(make_cycle(by=org.hr_admin, units=[org.acme], name="Autumn review"), "launch", by=org.hr_admin)
    document, reviews = person_export(org.employee, org.hr_admin.user)
    assert len(reviews) == 2
    assert count() == before
