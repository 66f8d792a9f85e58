"""The admin pages of cycles and reviews open for staff."""

import pytest

from tests.cycles.factories import advance, review_of

pytestmark = pytest.mark.django_db


def test_the_admin_pages_open_and_a_launched_cycle_keeps_its_template(org, web, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    org.hr_admin.user.is_staff = org.hr_admin.user.is_superuser = True
    org.hr_admin.user.save()
    client = web(org.hr_admin)
    review = review_of(cycle, org.employee)
    for url in ("/admin/cycles/reviewcycle/", f"/admin/cycles/reviewcycle/{cycle.pk}/change/",
                "/admin/cycles/ratingscale/", f"/admin/cycles/reviewtemplate/{cycle.template_id}/change/",
                "/admin/reviews/review/",
                f"/admin/reviews/review/{review.pk}/change/", "/admin/reviews/feedbackrequest/"):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/admin/cycles/reviewcycle/{cycle.pk}/change/").content.decode()
    assert 'name="template"' not in page
