"""The upload page: HR admin's alone, a summary on success, 400 listing the lines on error."""

import pytest
from django.urls import reverse

from people.models import Person
from workflows.models import TransitionLog

from .org_files import BASIC, counts, csv_file, org_file_without_sales

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name: str = "org.csv", **flags):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("people:import_org"), {"file": SimpleUploadedFile(name, data), **flags})


def test_hr_admin_sees_the_upload_page(org, web):
    response = web(org.hr_admin).get(reverse("people:import_org"))
    assert response.status_code == 200
    assert b'type="file"' in response.content and b"deactivate_missing" in response.content


def test_hr_admin_uploads_a_file_and_sees_the_summary(org, web):
    response = upload(web(org.hr_admin), org_file_without_sales(org), deactivate_missing="on")

    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.deactivated, result.reactivated) == (1, 2, 1)
    assert b"import-summary" in response.content
    assert TransitionLog.objects.filter(transition="deactivate", by=org.hr_admin.user).count() == 2


def test_a_dry_run_upload_writes_nothing(org, web):
    before = counts()
    response = upload(web(org.hr_admin), org_file_without_sales(org), deactivate_missing="on", dry_run="on")
    assert response.status_code == 200 and response.context["result"].dry_run
    assert counts() == before


def test_a_bad_upload_answers_400_listing_the_lines(org, web):
    before = counts()
    response = upload(web(org.hr_admin), csv_file(BASIC[0], "a@acme.test,,Dev,Acme,boss@acme.test,",
                                                  "b@acme.test,B,Dev,Acme//X,boss@acme.test,"))
    assert response.status_code == 400
    assert b"line 3" in response.content and b"line 4" in response.content
    assert b"full_name is empty" in response.content
    assert counts() == before


def test_an_upload_without_a_file_answers_400(org, web):
    response = web(org.hr_admin).post(reverse("people:import_org"), {})
    assert response.status_code == 400


def test_an_oversized_upload_answers_400(org, web, monkeypatch):
    monkeypatch.setattr("people.forms.MAX_IMPORT_BYTES", 10)
    response = upload(web(org.hr_admin), csv_file(*BASIC))
    assert response.status_code == 400 and b"larger than" in response.content
    assert Person.objects.filter(user__email="boss@acme.test").count() == 0


@pytest.mark.parametrize("persona", ["employee", "manager", "hr_partner"])
def test_the_upload_page_does_not_exist_for_others(org, web, persona):
    client = web(getattr(org, persona))
    assert client.get(reverse("people:import_org")).status_code == 404
    assert upload(client, org_file_without_sales(org)).status_code == 404
    assert Person.objects.get(pk=org.outsider.pk).active


def test_the_upload_page_needs_a_login(db, client):
    response = client.get(reverse("people:import_org"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_upload_page_refuses_other_methods(org, web):
    assert web(org.hr_admin).put(reverse("people:import_org")).status_code == 405
