"""HR configures cycles through /api/cycles/; everyone else reads them."""

import pytest

from cycles.models import ReviewCycle
from tests.cycles.factories import advance, current_quarter

pytestmark = pytest.mark.django_db


def body(org, **extra):
    return {"name": "Autumn review", "periods": [current_quarter().pk], "participant_units": [org.engineering.pk],
            "anonymity": "named", "anonymity_threshold": 3, "min_respondents": 3, "max_respondents": 6,
            "max_requests_per_respondent": 5, "deadlines": {"self_review": "2030-03-01"},
            "group_weights": {"manager": 2, "peer": 1}, **extra}


def test_hr_admin_creates_a_cycle_with_the_ready_template_and_scales(org, api):
    response = api(org.hr_admin).post("/api/cycles/", body(org), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert {"id", "name", "periods", "state", "transitions", "deadlines", "anonymity", "anonymity_threshold",
            "min_respondents", "max_respondents", "participant_units", "final_scale", "potential_scale"} <= set(data)
    assert data["state"] == "draft" and data["transitions"] == ["launch"]
    assert [level["label"] for level in data["final_scale"]] == [
        "no result", "insufficient", "good", "over-result", "almost ready for promotion", "ready for promotion"]
    assert [level["label"] for level in data["potential_scale"]] == ["low", "medium", "high"]
    assert data["deadlines"] == {"self_review": "2030-03-01"}
    assert data["group_weights"] == {"manager": 2.0, "peer": 1.0}


def test_only_hr_admin_writes_cycles(org, api, cycle):
    for who in ("employee", "manager", "hr_partner"):
        client = api(getattr(org, who))
        assert client.post("/api/cycles/", body(org), format="json").status_code == 403
    # A draft is HR's work in progress: the HR partner reads it (and may not change it), the others never see it.
    partner = api(org.hr_partner)
    assert partner.patch(f"/api/cycles/{cycle.pk}/", {"name": "x"}, format="json").status_code == 403
    assert partner.get(f"/api/cycles/{cycle.pk}/").status_code == 200
    for who in ("employee", "manager"):
        client = api(getattr(org, who))
        assert client.patch(f"/api/cycles/{cycle.pk}/", {"name": "x"}, format="json").status_code == 404
        assert client.get(f"/api/cycles/{cycle.pk}/").status_code == 404
    assert api(org.hr_admin).put(f"/api/cycles/{cycle.pk}/", body(org), format="json").status_code == 405
    assert api(org.hr_admin).patch(f"/api/cycles/{cycle.pk}/", {"name": "Renamed"}, format="json").json()[
        "name"] == "Renamed"


@pytest.mark.parametrize("bad", [
    {"deadlines": {"someday": "2030-01-01"}},
    {"deadlines": {"self_review": "March"}},
    {"group_weights": {"boss": 1}},
    {"min_respondents": 5, "max_respondents": 2},
    {"anonymity": "secret"},
    {"participant_units": [999999]},
])
def test_bad_configuration_is_refused_with_the_field_named(org, api, bad):
    response = api(org.hr_admin).post("/api/cycles/", body(org, **bad), format="json")
    assert response.status_code == 400
    assert set(response.json()) & (set(bad) | {"detail"})


def test_the_template_and_periods_are_fixed_once_launched(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    response = api(org.hr_admin).patch(f"/api/cycles/{cycle.pk}/", {"periods": []}, format="json")
    assert response.status_code == 400 and "periods" in response.json()
    deadlines = {"manager_review": "2030-04-01"}
    assert api(org.hr_admin).patch(f"/api/cycles/{cycle.pk}/", {"deadlines": deadlines},
                                   format="json").status_code == 200


def test_a_cycle_is_copied_from_the_previous_one_as_a_new_draft(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    response = api(org.hr_admin).post(f"/api/cycles/{cycle.pk}/copy/", {"name": "Next"}, format="json")
    assert response.status_code == 201
    copy = ReviewCycle.objects.get(pk=response.json()["id"])
    assert (copy.name, copy.state, copy.copied_from) == ("Next", "draft", cycle)
    assert list(copy.participant_units.all()) == list(cycle.participant_units.all())
    assert (copy.min_respondents, copy.anonymity, copy.template) == (cycle.min_respondents, cycle.anonymity,
                                                                     cycle.template)
    assert api(org.manager).post(f"/api/cycles/{cycle.pk}/copy/").status_code == 403


def test_progress_counts_reviews_per_state_overall_and_per_unit(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    data = api(org.hr_admin).get(f"/api/cycles/{cycle.pk}/progress/").json()
    assert data["states"] == {"goals_draft": 8}
    platform = next(u for u in data["units"] if u["unit"] == org.platform.pk)
    assert platform["states"] == {"goals_draft": 3}  # manager, employee, peer
    partner = api(org.hr_partner).get(f"/api/cycles/{cycle.pk}/progress/").json()
    assert partner["total"] == 5 - 1 + 1  # skip, manager, employee, peer in Engineering + the partner's own review
