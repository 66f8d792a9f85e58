"""The wall, the feedback inbox and the evidence panel (page and API) run the same number of queries at 100
and at 10,000 people."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from continuous.models import Feedback, Praise, PraiseRecipient
from people.models import Person
from tests.cycles.factories import make_cycle, walk

from ..factories import UnitFactory, build_org

pytestmark = pytest.mark.django_db
BUDGET = {"wall": 13, "inbox": 12, "evidence": 15, "evidence_api": 9}


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(org, people: list[Person], n: int) -> None:
    """``n`` praise and feedback among ``people``, some to the employee, some by the manager."""
    praise = Praise.objects.bulk_create([Praise(author=people[i % len(people)], message=f"Thanks {i}")
                                         for i in range(n)])
    PraiseRecipient.objects.bulk_create([PraiseRecipient(praise=p, person=org.employee if i % 3 == 0 else
                                                         people[(i + 1) % len(people)]) for i, p in enumerate(praise)])
    Feedback.objects.bulk_create([Feedback(author=org.manager if i % 2 else people[i % len(people)],
                                           about=org.employee if i % 3 == 0 else people[(i + 2) % len(people)],
                                           text=f"Feedback {i}", visibility="shared_with_person" if i % 2 else
                                           "private_to_manager") for i in range(n)])


def test_the_continuous_pages_run_a_fixed_number_of_queries_at_100_and_10000_people(
        org, world, web, api, django_assert_max_num_queries):
    review = walk(org, make_cycle(by=org.hr_admin, units=[org.acme]), "self_review")
    urls = {"wall": (web(org.employee), reverse("continuous:wall")),
            "inbox": (web(org.manager), reverse("continuous:feedback")),
            "evidence": (web(org.manager), reverse("reviews:evidence", args=[review.pk])),
            "evidence_api": (api(org.manager), f"/api/reviews/{review.pk}/evidence/")}

    people = build_org(100 - 9, unit=org.platform, top=org.manager)
    grow(org, people, 60)
    small = {name: count(client, url) for name, (client, url) in urls.items()}
    more = build_org(10_000 - 100, unit=UnitFactory(parent=org.platform), top=org.manager)
    Person.objects.filter(pk__in=[p.pk for p in more]).update(unit=org.platform)
    grow(org, more, 3000)
    large = {name: count(client, url) for name, (client, url) in urls.items()}

    print("queries at 100 / 10000:", {name: (small[name], large[name]) for name in urls})
    assert small == large
    for name, (client, url) in urls.items():
        with django_assert_max_num_queries(BUDGET[name]):
            client.get(url)
