"""Each goals endpoint answers only its methods: nothing is deleted or replaced wholesale."""

import pytest

from okrs.models import Dependency, DevelopmentGoal

from .conftest import kr_of

pytestmark = pytest.mark.django_db


def test_endpoints_refuse_the_methods_they_do_not_offer(org, api, make_objective, quarter):
    objective = make_objective("team", org.platform)
    dependency = Dependency.objects.create(from_unit=org.platform, to_unit=org.sales, objective=objective)
    goal = DevelopmentGoal.objects.create(person=org.manager, title="Coach")
    client = api(org.manager)
    refused = [
        ("delete", f"/api/objectives/{objective.pk}/"), ("put", f"/api/objectives/{objective.pk}/"),
        ("delete", f"/api/key-results/{kr_of(objective).pk}/"), ("put", f"/api/key-results/{kr_of(objective).pk}/"),
        ("patch", f"/api/key-results/{kr_of(objective).pk}/check-ins/"),
        ("patch", f"/api/dependencies/{dependency.pk}/"), ("delete", f"/api/dependencies/{dependency.pk}/"),
        ("get", f"/api/dependencies/{dependency.pk}/transitions/accept/"),
        ("get", f"/api/objectives/{objective.pk}/transitions/submit/"),
        ("delete", f"/api/development-goals/{goal.pk}/"), ("post", "/api/periods/"),
        ("patch", f"/api/periods/{quarter.pk}/"),
    ]
    for method, url in refused:
        assert getattr(client, method)(url, {}, format="json").status_code == 405, (method, url)


def test_an_anonymous_caller_gets_401_everywhere(org, make_objective, api):
    objective = make_objective()
    client = api()
    for url in ["/api/objectives/", f"/api/objectives/{objective.pk}/", "/api/key-results/",
                "/api/dependencies/", "/api/development-goals/"]:
        assert client.get(url).status_code == 401
    assert client.post(f"/api/objectives/{objective.pk}/transitions/submit/").status_code == 401
