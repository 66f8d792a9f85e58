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
