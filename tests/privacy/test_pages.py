"""The personal-data page reads a fixed number of queries, whatever the size of the org or of the log."""

import pytest

from privacy.models import PrivacyLog
from tests.factories import build_org

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [5, 60])
def test_the_privacy_page_reads_a_fixed_number_of_queries(org, web, size, django_assert_max_num_queries):
    build_org(size, top=org.ceo)
    PrivacyLog.objects.bulk_create([PrivacyLog(action="export", subject_id=org.employee.pk, subject_label="x",
                                               actor_name="Hugo Admin") for _ in range(size)])
    client = web(org.hr_admin)
    with django_assert_max_num_queries(14):
        response = client.get(f"/privacy/people/{org.employee.pk}/")
    assert response.status_code == 200
    assert response.content.count(b"Hugo Admin") >= min(size, 50)


@pytest.mark.parametrize("size", [3, 60])
def test_the_overview_lists_who_is_due_in_a_fixed_number_of_queries(org, web, size, settings,
                                                                     django_assert_max_num_queries):
    from tests.privacy.conftest import left

    settings.PRIVACY_RETENTION_DAYS = 30
    people = build_org(size, top=org.ceo)
    for person in people:
        left(person, days_ago=40, by=org.hr_admin)
    left(org.peer, days_ago=10, by=org.hr_admin)  # not due yet
    client = web(org.hr_admin)
    with django_assert_max_num_queries(12):
        response = client.get("/privacy/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{size} people" in page and "Pia Peer" not in page
    assert page.count("/privacy/people/") == min(size, 50)


@pytest.mark.parametrize("who", ["employee", "manager", "hr_partner"])
def test_the_overview_is_404_for_others(org, web, who):
    assert web(getattr(org, who)).get("/privacy/").status_code == 404
