"""HR's documents page (/documents/): what documents exist — PDF batches, cycle reports, unit OKR reports — for HR
admin (everything) and HR partners (their units), 404 for everyone else, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.services import pdf_batch_create
from tests.cycles.factories import advance, make_cycle
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("documents:index")


@pytest.fixture
def cycle(org):
    return make_cycle(by=org.hr_admin, units=[org.acme])


def test_hr_admin_sees_batches_cycle_reports_and_unit_reports(web, org, cycle):
    launched = advance(cycle, "launch", by=org.hr_admin)
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched)
    draft = make_cycle(by=org.hr_admin, units=[org.acme], name="Not launched yet")
    page = web(org.hr_admin).get(INDEX).content.decode()
    assert reverse("documents:batches") in page and reverse("documents:batch", args=[batch.pk]) in page
    assert reverse("documents:cycle_report", args=[launched.pk]) in page
    assert reverse("documents:cycle_report", args=[draft.pk]) not in page  # a draft has no report yet
    for unit in (org.acme, org.engineering, org.platform, org.sales):
        assert reverse("documents:unit_report", args=[unit.pk]) in page


def test_an_hr_partner_sees_the_unit_reports_of_their_units_only(web, org, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    page = web(org.hr_partner).get(INDEX).content.decode()
    assert reverse("documents:unit_report", args=[org.platform.pk]) in page
    assert reverse("documents:unit_report", args=[org.engineering.pk]) in page
    assert reverse("documents:unit_report", args=[org.sales.pk]) not in page
    assert reverse("documents:cycle_report", args=[cycle.pk]) in page


def test_the_unit_search_and_the_period_choice_carry_into_the_links(web, org):
    page = web(org.hr_admin).get(INDEX, {"q": "platform"}).content.decode()
    assert reverse("documents:unit_report", args=[org.platform.pk]) in page
    assert reverse("documents:unit_report", args=[org.sales.pk]) not in page


@pytest.mark.parametrize("persona", ["employee", "manager", "outsider"])
def test_anyone_else_gets_404(web, org, persona):
    assert web(getattr(org, persona)).get(INDEX).status_code == 404


def test_the_index_runs_the_same_queries_at_two_sizes_and_pages_the_units(web, org):
    client = web(org.hr_admin)
    counts = []
    for extra in (3, 80):
        for _ in range(extra):
            UnitFactory(parent=org.engineering)
        client.get(INDEX)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(INDEX).content.decode()
        counts.append(len(queries))
        assert ("units=2" in page) == (extra > 20)
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12, counts
