"""No request to the goals API, however malformed, answers 500."""

import pytest

from .conftest import kr_of

pytestmark = pytest.mark.django_db

BODIES = [[], ["x"], "text", 5, None, {"value": "1e400", "confidence": 5}, {"value": 1e300, "confidence": 5},
          {"value": "NaN", "confidence": 5}, {"confidence": "ten", "value": 1}, {"target": "Infinity"},
          {"weight": 10**12}, {"reason": ["list"]}, {"grades": [[1]]}, {"grades": [{"key_result": "abc"}]},
          {"period": {"id": 1}}, {"title": "x" * 5000}, {"parent_objective": -1}, {"owner": "me"},
          {"due_date": "yesterday"}, {"status": None}, {"kind": "boolean", "objective": "1"}]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_no_malformed_body_answers_500(org, api, make_objective, body):
    objective = make_objective(state="active")
    kr = kr_of(objective)
    client = api(org.employee)
    urls = [
        ("post", "/api/objectives/"), ("patch", f"/api/objectives/{objective.pk}/"),
        ("post", f"/api/objectives/{objective.pk}/transitions/close/"),
        ("post", "/api/key-results/"), ("patch", f"/api/key-results/{kr.pk}/"),
        ("post", f"/api/key-results/{kr.pk}/check-ins/"),
        ("post", "/api/dependencies/"), ("post", "/api/development-goals/"),
    ]
    for method, url in urls:
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code < 500, (method, url, response.content[:200])


def test_malformed_query_parameters_do_not_answer_500(org, api):
    client = api(org.employee)
    for url in ["/api/objectives/?unit=abc", "/api/objectives/?page=zzz", "/api/key-results/?objective=1.5",
                "/api/dependencies/?unit=x", "/api/development-goals/?period=-", "/api/objectives/abc/"]:
        assert client.get(url).status_code < 500, url
