"""Check-ins from the key result's page or inline (htmx): progress and score follow at once."""

from decimal import Decimal

import pytest

from okrs.models import CheckIn

from .conftest import kr_of

pytestmark = pytest.mark.django_db


def test_an_inline_check_in_updates_progress_and_answers_the_row_with_the_new_score(org, web, make_objective):
    objective = make_objective("personal", org.employee, state="active")
    kr = kr_of(objective)
    response = web(org.employee).post(f"/goals/key-results/{kr.pk}/check-in/",
                                      {"value": "75", "confidence": "8", "note": "good week"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li class="kr" id="kr-{kr.pk}">') and "<html" not in body
    assert "75%" in body
    assert f'id="score-{objective.pk}" hx-swap-oob="true"' in body and "0.75" in body
    kr.refresh_from_db()
    assert kr.progress == Decimal("0.75") and kr.confidence == 8
    assert CheckIn.objects.get().note == "good week"


def test_an_invalid_inline_check_in_shows_its_errors_in_the_row(org, web, make_objective):
    kr = kr_of(make_objective("personal", org.employee, state="active"))
    response = web(org.employee).post(f"/goals/key-results/{kr.pk}/check-in/", {"value": "x", "confidence": "11"},
                                      HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'aria-invalid="true"' in body and "errorlist" in body
    assert not CheckIn.objects.exists()


def test_a_check_in_from_the_page_redirects_and_a_bad_one_answers_400(org, web, make_objective):
    kr = kr_of(make_objective("personal", org.employee, state="active"))
    client = web(org.employee)
    assert client.post(f"/goals/key-results/{kr.pk}/check-in/", {"value": "10", "confidence": "11"}).status_code == 400
    response = client.post(f"/goals/key-results/{kr.pk}/check-in/", {"value": "10", "confidence": "6"})
    assert response.status_code == 302 and response.url == f"/goals/key-results/{kr.pk}/"


def test_a_colleague_may_not_check_in_and_an_outsider_does_not_see_a_private_key_result(org, web, make_objective):
    kr = kr_of(make_objective("personal", org.employee, state="active"))
    assert web(org.peer).post(f"/goals/key-results/{kr.pk}/check-in/", {"value": 1, "confidence": 5}).status_code == 403
    private = kr_of(make_objective("personal", org.employee, state="active", private=True))
    assert web(org.outsider).get(f"/goals/key-results/{private.pk}/").status_code == 404
    assert web(org.outsider).post(f"/goals/key-results/{private.pk}/check-in/",
                                  {"value": 1, "confidence": 5}).status_code == 404
