"""Transparency: every member reads every non-private objective; private ones and development goals
only reach the person, their management chain, HR partners of their unit and HR admin (404 to others)."""

import pytest

from okrs.models import DevelopmentGoal
from okrs.selectors import development_goals_visible_to, objectives_visible_to

pytestmark = pytest.mark.django_db

INSIDERS = ["employee", "manager", "skip", "ceo", "hr_partner", "hr_admin"]
OUTSIDERS = ["peer", "outsider"]


@pytest.fixture
def secret(make_objective):
    return make_objective(private=True, title="Find a new job")


@pytest.fixture
def goal(org):
    return DevelopmentGoal.objects.create(person=org.employee, title="Learn public speaking", competency="Talks")


@pytest.mark.parametrize("who", INSIDERS)
def test_a_private_objective_is_visible_to_the_person_their_chain_and_hr(org, api, secret, who):
    client = api(getattr(org, who))
    assert client.get(f"/api/objectives/{secret.pk}/").status_code == 200
    assert secret.pk in [o["id"] for o in client.get("/api/objectives/").json()["results"]]
    assert client.get(f"/api/key-results/?objective={secret.pk}").json()["count"] == 1


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_private_objective_answers_404_to_peers_and_outsiders(org, api, secret, who):
    client = api(getattr(org, who))
    assert client.get(f"/api/objectives/{secret.pk}/").status_code == 404
    assert client.patch(f"/api/objectives/{secret.pk}/", {"title": "x"}, format="json").status_code == 404
    assert secret.pk not in [o["id"] for o in client.get("/api/objectives/").json()["results"]]


@pytest.mark.parametrize("who", INSIDERS + OUTSIDERS)
def test_every_member_reads_every_non_private_objective(org, api, make_objective, who):
    public = make_objective(title="Ship search")
    team = make_objective("team", org.platform)
    ids = {o["id"] for o in api(getattr(org, who)).get("/api/objectives/").json()["results"]}
    assert {public.pk, team.pk} <= ids


def test_an_inactive_or_anonymous_caller_sees_no_objective(org, api, make_objective):
    make_objective()
    assert not objectives_visible_to(org.inactive.user).exists()
    assert api().get("/api/objectives/").status_code == 401


@pytest.mark.parametrize("who", INSIDERS)
def test_a_development_goal_is_visible_to_the_person_their_chain_and_hr(org, api, goal, who):
    client = api(getattr(org, who))
    assert client.get(f"/api/development-goals/{goal.pk}/").status_code == 200
    assert [g["id"] for g in client.get(f"/api/development-goals/?person={org.employee.pk}").json()["results"]] \
        == [goal.pk]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_development_goal_answers_404_to_peers_and_outsiders(org, api, goal, who):
    client = api(getattr(org, who))
    assert client.get(f"/api/development-goals/{goal.pk}/").status_code == 404
    assert client.patch(f"/api/development-goals/{goal.pk}/", {"status": "done"}, format="json").status_code == 404
    assert client.get("/api/development-goals/").json()["count"] == 0


def test_the_selector_scopes_development_goals_like_the_api(org, goal):
    assert list(development_goals_visible_to(org.skip.user)) == [goal]
    assert not development_goals_visible_to(org.outsider.user).exists()
