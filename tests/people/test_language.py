"""One language per person: the switch stores it; pages, the API and documents follow it; until a person
chooses, the browser (or the cookie) decides."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from people.models import Person
from people.services import api_token_for
from tests.documents.conftest import pdf_text, released  # noqa: F401 (released: the fixture)

pytestmark = pytest.mark.django_db

ORG_CHART = {"en": "Org chart", "ru": "Оргструктура", "zh-hans": "组织架构"}
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _speaks(response) -> str:
    body = response.content.decode()
    found = [code for code in ORG_CHART if f'<html lang="{code}"' in body]
    assert len(found) == 1, body[:200]
    assert ORG_CHART[found[0]] in body
    return found[0]


def _stored(person: Person) -> str:
    return Person.objects.get(pk=person.pk).locale


def _switch(client, language: str, nxt: str = "/org/"):
    return client.post(reverse("set_language"), {"language": language, "next": nxt})


def test_the_switch_stores_the_choice_on_the_person_and_in_the_cookie(web, org):
    client = web(org.employee)
    response = _switch(client, "zh-hans")
    assert response.status_code == 302 and response["Location"] == "/org/"
    assert _stored(org.employee) == "zh-hans"
    assert response.cookies[COOKIE].value == "zh-hans"


def test_a_signed_in_person_reads_their_language_whatever_the_browser_says(web, org):
    org.employee.locale = "ru"
    org.employee.save(update_fields=["locale"])
    client = web(org.employee)
    assert _speaks(client.get("/org/", headers={"accept-language": "zh-CN,zh;q=0.9"})) == "ru"
    client.cookies[COOKIE] = "en"  # an old cookie from another visit
    response = client.get("/org/")
    assert _speaks(response) == "ru"
    assert response.cookies[COOKIE].value == "ru"  # the cookie follows, for the login page after signing out


def test_a_choice_on_one_device_reaches_the_other(web, org):
    phone, desk = web(org.employee), web(org.employee)
    _switch(phone, "ru")
    assert _speaks(desk.get("/org/")) == "ru"


def test_until_they_choose_a_person_reads_the_browsers_language(web, org):
    assert _stored(org.employee) == ""
    assert _speaks(web(org.employee).get("/org/", headers={"accept-language": "zh-CN,zh;q=0.9"})) == "zh-hans"
    assert _speaks(web(org.employee).get("/org/", headers={"accept-language": "de-DE"})) == "en"


def test_a_stored_language_in_another_spelling_still_counts(web, org):
    org.employee.locale = "ru-RU"  # as an HRIS might write it
    org.employee.save(update_fields=["locale"])
    assert _speaks(web(org.employee).get("/org/", headers={"accept-language": "en"})) == "ru"


def test_an_unknown_stored_language_leaves_the_browser_to_decide(web, org):
    org.employee.locale = "xx"
    org.employee.save(update_fields=["locale"])
    assert _speaks(web(org.employee).get("/org/", headers={"accept-language": "ru"})) == "ru"


def test_a_choice_made_on_the_login_page_is_stored_at_sign_in(client, org):
    org.employee.user.set_password("demo")
    org.employee.user.save()
    _switch(client, "ru", nxt=reverse("login"))
    assert "Пароль" in client.get(reverse("login")).content.decode()
    client.post(reverse("login"), {"username": "employee@example.com", "password": "demo"})
    assert _speaks(client.get("/org/", headers={"accept-language": "en"})) == "ru"
    assert _stored(org.employee) == "ru"


def test_signing_in_without_choosing_keeps_the_stored_language(client, org):
    org.employee.locale = "zh-hans"
    org.employee.save(update_fields=["locale"])
    org.employee.user.set_password("demo")
    org.employee.user.save()
    client.post(reverse("login"), {"username": "employee@example.com", "password": "demo"},
                headers={"accept-language": "ru"})
    assert _speaks(client.get("/org/", headers={"accept-language": "ru"})) == "zh-hans"


def test_an_unknown_language_changes_nothing(web, org):
    client = web(org.employee)
    response = _switch(client, "klingon")
    assert response.status_code == 302
    assert _stored(org.employee) == "" and COOKIE not in response.cookies


def test_a_get_of_the_switch_only_goes_back(web, org):
    response = web(org.employee).get(reverse("set_language"), {"language": "ru", "next": "/org/"})
    assert response.status_code == 302 and _stored(org.employee) == ""


def test_the_api_answers_a_token_client_in_the_persons_language(org):
    org.employee.locale = "ru"
    org.employee.save(update_fields=["locale"])
    api = Client(headers={"authorization": f"Token {api_token_for(user=org.employee.user)}"})
    body = api.post("/api/development-goals/", {}, content_type="application/json").json()
    with translation.override("ru"):
        required = translation.gettext("This field is required.")
    assert required != "This field is required." and required in str(body)


def test_the_api_answers_a_session_in_the_persons_language(web, org):
    org.employee.locale = "zh-hans"
    org.employee.save(update_fields=["locale"])
    body = web(org.employee).post("/api/development-goals/", {}, content_type="application/json",
                                  headers={"accept-language": "ru"}).json()
    with translation.override("zh-hans"):
        assert translation.gettext("This field is required.") in str(body)


def test_a_page_runs_the_same_queries_with_a_stored_language_as_without(web, org):
    def count(client) -> int:
        client.get("/org/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/org/").status_code == 200
        return len(queries)

    without = count(web(org.employee))
    org.employee.locale = "ru"
    org.employee.save(update_fields=["locale"])
    assert count(web(org.employee)) == without


# Documents: ?lang= first; an API client's explicit Accept-Language next; else the person's language.

@pytest.fixture
def released_review(org, released):  # noqa: F811 (the fixture imported above)
    return released("named", 1)


def _summary_language(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content) if response.streaming else response.content)
    found = [code for code, words in {"en": "Copy for", "ru": "Экземпляр для", "zh-hans": "副本接收人"}.items()
             if words in text]
    assert len(found) == 1, text[:200]
    return found[0]


def test_a_summary_pdf_follows_the_persons_language_not_the_browsers(web, org, released_review):
    org.employee.locale = "zh-hans"
    org.employee.save(update_fields=["locale"])
    client = web(org.employee)
    url = f"/documents/reviews/{released_review.pk}/summary.pdf"
    assert _summary_language(client.get(url, headers={"accept-language": "ru"})) == "zh-hans"
    assert _summary_language(client.get(f"/api/reviews/{released_review.pk}/summary.pdf",
                                        headers={"accept-language": "ru"})) == "zh-hans"
    assert _summary_language(client.get(url, {"lang": "ru"})) == "ru"


def test_an_api_client_may_ask_for_a_documents_language(org, released_review):
    org.employee.locale = "zh-hans"
    org.employee.save(update_fields=["locale"])
    api = Client(headers={"authorization": f"Token {api_token_for(user=org.employee.user)}"})
    url = f"/api/reviews/{released_review.pk}/summary.pdf"
    assert _summary_language(api.get(url)) == "zh-hans"
    assert _summary_language(api.get(url, headers={"accept-language": "ru"})) == "ru"
    assert _summary_language(api.get(url, {"lang": "en"}, headers={"accept-language": "ru"})) == "en"


def test_the_password_reset_email_is_in_the_persons_language(client, org):
    from django.core import mail

    org.employee.locale = "zh-hans"
    org.employee.save(update_fields=["locale"])
    client.post(reverse("password_reset"), {"email": "employee@example.com"}, headers={"accept-language": "ru"})
    with translation.override("zh-hans"):
        subject = translation.gettext("Reset your Perfcycle password")
    assert subject != "Reset your Perfcycle password" and mail.outbox[0].subject == subject
