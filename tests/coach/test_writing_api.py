"""``POST /api/writing-coach/``: the shape of its answer, its 400s, the language it detects, who may call it and
the queries it runs (the same at any size: it reads nothing but the text)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

URL = "/api/writing-coach/"


def post(client, body):
    return client.post(URL, body, format="json")


def test_it_answers_the_findings_as_spans_of_the_text(org, api):
    text = "She is always late. Great job!"
    response = post(api(org.employee), {"text": text, "language": "en"})
    assert response.status_code == 200
    findings = response.json()
    assert all(set(f) == {"rule", "message", "start", "end"} for f in findings)
    spans = {f["rule"]: text[f["start"]:f["end"]] for f in findings}
    assert spans == {"absolute": "always", "vague": "Great job", "too_short": text}
    assert [f["start"] for f in findings] == sorted(f["start"] for f in findings)  # in the order of the text


def test_a_well_written_answer_gets_an_empty_list(org, api):
    text = ("In March she moved the billing service to the new cluster two weeks early, and support tickets about "
            "failed payments fell by a third.")
    assert post(api(org.employee), {"text": text}).json() == []
    assert post(api(org.employee), {"text": "   "}).json() == []


def test_the_rating_on_its_scale_feeds_the_mismatch_rule(org, api):
    text = "Excellent work all year: outstanding results and a superb attitude."
    client = api(org.manager)
    assert "mismatch" in {f["rule"] for f in post(client, {"text": text, "rating": 1}).json()}
    assert "mismatch" not in {f["rule"] for f in post(client, {"text": text, "rating": 5}).json()}
    # On the six-level final rating, 3 is the middle: no contradiction; 1 is.
    six = [1, 2, 3, 4, 5, 6]
    assert "mismatch" not in {f["rule"] for f in post(client, {"text": text, "rating": 3, "scale": six}).json()}
    assert "mismatch" in {f["rule"] for f in post(client, {"text": text, "rating": 1, "scale": six}).json()}
    # 0 is the respondent scale's "can't judge": accepted, and no tone to contradict.
    response = post(client, {"text": text, "rating": 0})
    assert response.status_code == 200 and "mismatch" not in {f["rule"] for f in response.json()}


@pytest.mark.parametrize(("body", "field"), [
    ({}, "text"),
    ({"text": True}, "text"),
    ({"text": ["a"]}, "text"),
    ({"text": "x" * 20_001}, "text"),
    ({"text": "Fine.", "language": "fr"}, "language"),
    ({"text": "Fine.", "language": 7}, "language"),
    ({"text": "Fine.", "rating": "high"}, "rating"),
    ({"text": "Fine.", "rating": 9}, "rating"),
    ({"text": "Fine.", "rating": 2, "scale": [1]}, "scale"),
    ({"text": "Fine.", "rating": 2, "scale": [1, 2, 2]}, "scale"),
    ({"text": "Fine.", "rating": 7, "scale": [1, 2, 3]}, "rating"),
    ({"text": "Fine.", "scale": "1,2,3"}, "scale"),
    ({"text": "Fine.", "tone": "kind"}, "tone"),
])
def test_a_bad_body_answers_400_naming_the_field(org, api, body, field):
    response = post(api(org.employee), body)
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()


def test_a_body_that_is_not_an_object_answers_400(org, api):
    for body in (["text"], "text", 5):
        response = post(api(org.employee), body)
        assert response.status_code == 400 and "detail" in response.json()


def test_the_language_is_detected_and_may_be_named(org, api):
    client = api(org.employee)
    russian = "Он всегда опаздывает на встречи."
    assert "absolute" in {f["rule"] for f in post(client, {"text": russian}).json()}
    # Named as English, the Russian words are not English ones.
    assert "absolute" not in {f["rule"] for f in post(client, {"text": russian, "language": "en"}).json()}
    chinese = "他总是迟到。"
    for language in (None, "zh-hans", "zh-Hans", "zh_hans"):
        body = {"text": chinese, **({"language": language} if language else {})}
        assert "absolute" in {f["rule"] for f in post(client, body).json()}, language
    assert post(client, {"text": russian, "language": "ru-RU"}).status_code == 200


def test_every_member_may_call_it_and_nobody_else(org, api):
    for person in (org.employee, org.outsider, org.hr_admin, org.ceo):
        assert post(api(person), {"text": "Fine."}).status_code == 200
    assert post(api(), {"text": "Fine."}).status_code == 401
    stranger = get_user_model().objects.create_user(email="stranger@example.com", password="x")
    client = api()
    client.force_authenticate(user=stranger)
    assert post(client, {"text": "Fine."}).status_code == 403
    assert api(org.employee).get(URL).status_code == 405


def test_it_runs_the_same_queries_whatever_the_size(org, api, django_assert_max_num_queries):
    text = "She is always late. Great job! " * 20
    counts = []
    for extra in (5, 50):
        for _ in range(extra):
            PersonFactory(unit=org.platform, manager=org.manager)
        client = api(Person.objects.select_related("user").get(pk=org.employee.pk))  # roles not yet loaded
        with django_assert_max_num_queries(4) as queries:
            assert post(client, {"text": text}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
