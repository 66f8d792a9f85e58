"""The inbox and the review pages run the same number of queries whatever the size of the organisation.

Sizes 100 and 500 by default; ``PAGE_QUERY_SIZES=100,10000`` runs the full comparison (slower).
"""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import FeedbackRequest, Review
from tests.reviews.test_queries import populate

pytestmark = pytest.mark.django_db

SIZES = tuple(int(n) for n in os.environ.get("PAGE_QUERY_SIZES", "100,500").split(","))


def count(client, url: str) -> int:
    client.get(url)  # warm: the session and the roles, as on any page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_inbox_and_review_pages_run_the_same_queries_at_two_sizes(org, web):
    counts = {}
    for size in SIZES:
        boss, cycle = populate(org, size)
        client = web(boss)
        page = client.get("/reviews/tasks/").content.decode()
        assert page.count("/reviews/requests/") == size  # feedback to give
        assert page.count('href="/reviews/') >= 2 * size  # and the lists to approve
        review = Review.objects.filter(cycle=cycle).order_by("pk").first()
        request = FeedbackRequest.objects.filter(cycle=cycle, respondent=boss).order_by("pk").first()
        counts[size] = {
            "inbox": count(client, "/reviews/tasks/"),
            "review (manager)": count(client, f"/reviews/{review.pk}/"),
            "review (HR admin)": count(web(org.hr_admin), f"/reviews/{review.pk}/"),
            "review (employee)": count(web(review.person), f"/reviews/{review.pk}/"),
            "feedback request": count(client, f"/reviews/requests/{request.pk}/"),
            "cycle": count(web(org.hr_admin), f"/cycles/{cycle.pk}/"),
        }
    small, large = (counts[size] for size in SIZES)
    assert small == large, counts
    assert max(small.values()) <= 25, counts
