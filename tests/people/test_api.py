import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from people.models import Person
from people.services import api_token_for

from ..factories import build_org

pytestmark = pytest.mark.django_db


def test_me_answers_the_callers_person_and_roles(org, api):
    body = api(org.manager).get("/api/me/").json()
    assert body["email"] == "manager@example.com"
    assert body["full_name"] == "Mia Manager"
    assert body["roles"] == ["employee", "manager"]
    assert api(org.hr_admin).get("/api/me/").json()["roles"] == ["employee", "hr_admin"]


def test_anonymous_callers_get_401_everywhere_in_the_api(org):
    client = APIClient()
    for url in ("/api/me/", "/api/people/", f"/api/people/{org.employee.pk}/", "/api/units/", "/api/schema/"):
        response = client.get(url)
        assert response.status_code == 401, url
        assert "detail" in response.data


def test_token_authentication_works_and_a_bad_token_is_401(org):
    key = api_token_for(user=org.employee.user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/me/").json()["email"] == "employee@example.com"
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/me/").status_code == 401


def test_people_list_is_paginated_and_filterable(org, api):
    body = api(org.employee).get("/api/people/", {"manager": org.manager.pk}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert {p["full_name"] for p in body["results"]} == {"Emil Employee", "Pia Peer", "Ina Inactive"}
    person = next(p for p in body["results"] if p["full_name"] == "Emil Employee")
    assert {"id", "email", "full_name", "title", "unit", "manager", "active"} <= set(person)
    by_unit = api(org.employee).get("/api/people/", {"unit": org.sales.pk}).json()
    assert [p["full_name"] for p in by_unit["results"]] == ["Otto Outsider"]


def test_a_bad_filter_value_is_400_not_500(org, api):
    response = api(org.employee).get("/api/people/", {"manager": "abc"})
    assert response.status_code == 400
    response = api(org.employee).get("/api/people/", {"unit": "9" * 30})
    assert response.status_code in (200, 400)


def test_units_carry_their_path(org, api):
    body = api(org.employee).get(f"/api/units/{org.platform.pk}/").json()
    assert body == {"id": org.platform.pk, "name": "Platform", "parent": org.engineering.pk,
                    "lead": org.manager.pk, "path": "Acme/Engineering/Platform"}


def test_a_user_outside_the_organisation_sees_no_person_404(org, api, django_user_model):
    stranger = django_user_model.objects.create_user(email="stranger@example.com", password="x")
    client = APIClient()
    client.force_authenticate(stranger)
    assert client.get(f"/api/people/{org.employee.pk}/").status_code == 404
    assert client.get("/api/people/").json()["count"] == 0


def test_hr_admin_deactivates_a_person_through_the_api(org, api):
    response = api(org.hr_admin).post(
        f"/api/people/{org.employee.pk}/transitions/deactivate/", {"reason": "left"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["state"] == "inactive"
    assert response.json()["transitions"] == ["reactivate"]


def test_a_manager_may_not_deactivate_403_and_wrong_state_is_409(org, api):
    response = api(org.manager).post(f"/api/people/{org.employee.pk}/transitions/deactivate/", format="json")
    assert response.status_code == 403
    response = api(org.hr_admin).post(f"/api/people/{org.inactive.pk}/transitions/deactivate/", format="json")
    assert response.status_code == 409
    assert response.json()["state"] == "inactive"
    assert "detail" in response.json()


def test_unknown_transitions_and_wrong_methods(org, api):
    client = api(org.hr_admin)
    assert client.post(f"/api/people/{org.employee.pk}/transitions/explode/", format="json").status_code == 404
    assert client.get(f"/api/people/{org.employee.pk}/transitions/deactivate/").status_code == 405
    assert client.post(f"/api/people/{org.employee.pk}/transitions/deactivate/", "[1, 2]",
                       content_type="application/json").status_code == 400
    assert client.post(f"/api/people/{org.employee.pk}/transitions/deactivate/", "{not json",
                       content_type="application/json").status_code == 400
    assert client.delete(f"/api/people/{org.employee.pk}/").status_code == 405


def test_the_schema_and_docs_need_a_login_and_list_the_endpoints(org, web):
    client = web(org.employee)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ("/api/me/", "/api/people/", "/api/people/{id}/", "/api/units/",
                 "/api/people/{id}/transitions/{name}/"):
        assert path in paths
    assert client.get("/api/docs/").status_code == 200


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_people_and_units_lists_run_a_fixed_number_of_queries(org, api):
    client = api(org.hr_admin)
    small = (count_queries(client, "/api/people/"), count_queries(client, "/api/units/"))
    build_org(300, unit=org.platform, top=org.manager)
    client = api(Person.objects.get(pk=org.hr_admin.pk))
    large = (count_queries(client, "/api/people/"), count_queries(client, "/api/units/"))
    assert small == large
    assert max(large) <= 20
