"""The admin: HR edits periods; goals themselves are read there, never changed behind the services' back."""

import pytest
from django.test import Client

from okrs.models import Period

pytestmark = pytest.mark.django_db


def test_a_superuser_adds_a_period_and_only_reads_objectives(make_objective, org):
    from people.models import User

    admin = User.objects.create_superuser(email="root@example.com", password="x")
    objective = make_objective()
    client = Client()
    client.force_login(admin)
    response = client.post("/admin/okrs/period/add/", {"code": "2030-Y", "kind": "year", "start": "2030-01-01",
                                                       "end": "2030-12-31"})
    assert response.status_code == 302
    assert Period.objects.filter(code="2030-Y").exists()
    assert client.get(f"/admin/okrs/objective/{objective.pk}/change/").status_code == 200
    client.post(f"/admin/okrs/objective/{objective.pk}/change/", {"title": "Hijacked"})
    objective.refresh_from_db()
    assert objective.title != "Hijacked"
    assert client.get("/admin/okrs/objective/add/").status_code == 403
