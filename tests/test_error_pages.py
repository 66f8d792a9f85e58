"""Our 404 and 500 pages, with DEBUG on (``make run``) as well as off; the API keeps its JSON answers.

The URLs of this module are the site's plus two views that fail on purpose, so the pages are checked with
the site's own layout and links.
"""

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template import loader
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("the view broke")


def missing(request):
    raise Http404("no such thing")


def forbidden(request):
    raise PermissionDenied("not yours")


urlpatterns = [
    path("boom/", boom),
    path("missing/", missing),
    path("forbidden/", forbidden),
    path("api/boom/", boom),
    path("api/missing/", missing),
    *site_urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(params=[True, False], ids=["debug", "production"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_an_unknown_address_answers_our_404_page(debug, web, org):
    response = web(org.employee).get("/no/such/page/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    body = response.content.decode()
    assert "Page not found" in body and 'href="/"' in body and 'class="mainnav"' in body
    assert "Django" not in body  # not the technical page


def test_an_http404_from_a_view_answers_our_404_page(debug, web, org):
    response = web(org.employee).get("/missing/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_an_object_one_may_not_see_answers_our_404_page(debug, web, org):
    response = web(org.employee).get("/goals/objectives/987654/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_someone_not_logged_in_gets_the_404_page_with_a_way_to_log_in(debug, client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert 'href="/accounts/login/"' in response.content.decode()


def test_an_unhandled_error_answers_our_500_page_and_logs_the_traceback(debug, web, org, caplog):
    browser = web(org.employee)
    browser.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = browser.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and 'href="/"' in body and "the view broke" not in body
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Internal Server Error: /boom/"
    assert record.exc_info and record.exc_info[0] is RuntimeError


def test_a_broken_view_still_fails_its_test(debug, web, org):
    # The test client re-raises what a view raised, as it does without this page.
    with pytest.raises(RuntimeError, match="the view broke"):
        web(org.employee).get("/boom/")


def test_the_500_page_renders_without_a_request():
    # Django's own handler renders it with an empty context when the failure is outside any view.
    assert "Something went wrong" in loader.render_to_string("500.html")


def test_the_500_page_falls_back_when_its_context_fails(web, org, monkeypatch):
    # Say the database is what failed: the navigation in the page's context cannot be read either.
    def render_fails(*args, **kwargs):
        raise RuntimeError("the database is gone")

    monkeypatch.setattr("common.error_pages.render", render_fails)
    browser = web(org.employee)
    browser.raise_request_exception = False
    response = browser.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_api_keeps_its_json_answers(debug, api, org):
    client = api(org.employee)
    client.raise_request_exception = False
    for url, status, detail in [("/api/no-such-endpoint/", 404, "Not found."), ("/api/missing/", 404, "Not found."),
                                ("/api/boom/", 500, "Server error.")]:
        response = client.get(url)
        assert response.status_code == status, url
        assert response["Content-Type"] == "application/json", url
        assert response.json() == {"detail": detail}


def test_a_missing_slash_is_still_added(debug, web, org):
    response = web(org.employee).get("/goals")
    assert response.status_code == 301 and response["Location"] == "/goals/"


def test_a_refusal_keeps_its_own_page(debug, web, org):
    # 403 is the refusal page's (common/refusal.py), not a 500.
    response = web(org.employee).get("/forbidden/")
    assert response.status_code == 403
    assert "common/refused.html" in [t.name for t in response.templates]
