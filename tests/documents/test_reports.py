"""The unit OKR report and the cycle report: who may download them and what they hold."""

import pytest
from django.utils import timezone

from documents.models import DownloadLog
from okrs.models import Objective, Period
from okrs.services import check_in_create, key_result_create, objective_create
from tests.cycles.factories import make_cycle

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(db) -> Period:
    today = timezone.localdate()
    return Period.objects.get(code=f"{today.year}-Q{(today.month - 1) // 3 + 1}")


@pytest.fixture
def unit_goals(org, quarter):
    team = objective_create(by=org.hr_admin.user, level=Objective.Level.TEAM, unit=org.platform, period=quarter,
                            title="Ship the mobile app")
    kr = key_result_create(by=org.hr_admin.user, objective=team, title="Weekly active users", start=0, target=100)
    for value in (20, 45, 80):
        check_in_create(key_result=kr, by=org.hr_admin.user, value=value, confidence=7)
    objective_create(by=org.hr_admin.user, level=Objective.Level.UNIT, unit=org.engineering, period=quarter,
                     title="Halve the build time")
    objective_create(by=org.hr_admin.user, level=Objective.Level.UNIT, unit=org.sales, period=quarter,
                     title="Open two new markets")
    objective_create(by=org.employee.user, level=Objective.Level.PERSONAL, owner=org.employee, period=quarter,
                     title="My private plan", private=True)
    return team


def test_every_member_downloads_the_unit_report_of_the_unit_and_its_sub_units(org, web, quarter, unit_goals):
    response = web(org.outsider).get(f"/documents/units/{org.engineering.pk}/okr-report.pdf?period={quarter.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Ship the mobile app" in text and "Halve the build time" in text and "Weekly active users" in text
    assert "0.80" in text  # the key result's progress after its last check-in
    assert "Open two new markets" not in text  # another branch of the tree
    assert "My private plan" not in text  # personal objectives never appear, private ones least of all
    assert DownloadLog.objects.filter(kind="unit_report", user=org.outsider.user, object_id=org.engineering.pk).exists()


def test_the_unit_report_answers_404_for_an_unknown_unit_or_period(org, web, quarter):
    assert web(org.employee).get(f"/documents/units/999999/okr-report.pdf?period={quarter.pk}").status_code == 404
    assert web(org.employee).get(f"/documents/units/{org.acme.pk}/okr-report.pdf?period=x").status_code == 404
    assert web(org.employee).get(f"/documents/units/{org.acme.pk}/okr-report.pdf?period=999999").status_code == 404


def test_the_unit_report_speaks_russian_and_chinese(org, web, quarter, unit_goals):
    url = f"/documents/units/{org.platform.pk}/okr-report.pdf?period={quarter.pk}"
    assert "Ключевой результат" in pdf_text(web(org.employee).get(url + "&lang=ru").content)
    assert "关键结果" in pdf_text(web(org.employee).get(url + "&lang=zh-hans").content)


def test_the_cycle_report_shows_completion_and_the_rating_distribution_to_hr(org, web, released):
    review = released("named")
    text = pdf_text(web(org.hr_admin).get(f"/documents/cycles/{review.cycle.pk}/report.pdf").content)
    assert "Spring review" in text and "Final rating distribution" in text and "over-result" in text
    assert "Acme/Engineering/Platform" in text and "Acme/Sales" in text
    assert DownloadLog.objects.filter(kind="cycle_report", object_id=review.cycle.pk).count() == 1


def test_an_hr_partners_cycle_report_covers_their_units_only(org, web, released):
    review = released("named")
    text = pdf_text(web(org.hr_partner).get(f"/documents/cycles/{review.cycle.pk}/report.pdf").content)
    assert "Acme/Engineering/Platform" in text and "Acme/Sales" not in text


def test_the_cycle_report_is_404_for_everyone_but_hr(org, web):
    cycle = make_cycle(by=org.hr_admin, units=[org.acme])
    for persona in (org.employee, org.manager, org.ceo):
        assert web(persona).get(f"/documents/cycles/{cycle.pk}/report.pdf").status_code == 404
    assert web(org.hr_admin).get("/documents/cycles/999999/report.pdf").status_code == 404


def test_out_of_range_ids_answer_404_not_500(org, web, api):
    huge = "9" * 30
    for url in (f"/documents/units/{huge}/okr-report.pdf",
                f"/documents/units/{org.acme.pk}/okr-report.pdf?period={huge}",
                f"/documents/cycles/{huge}/report.pdf", f"/documents/reviews/{huge}/summary.pdf",
                f"/documents/batches/{huge}/", f"/documents/batches/{huge}/progress/"):
        assert web(org.hr_admin).get(url).status_code == 404, url
    assert api(org.hr_admin).get(f"/api/reviews/{huge}/summary.pdf").status_code == 404
