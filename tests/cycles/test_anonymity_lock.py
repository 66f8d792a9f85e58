"""Once a cycle is launched, its anonymity (mode, threshold, group weights) is what respondents answer under:
it cannot change, on the page or the API. A running cycle keeps at least one participant unit, and a sync of
a cycle left without one (its units deleted) changes nobody's review."""

import pytest

from cycles.models import ReviewCycle
from reviews.models import Review
from tests.cycles.factories import advance
from tests.reviews.test_pages_walkthrough import cycle_form
from workflows import participants
from workflows.participants import cycle_sync_participants

pytestmark = pytest.mark.django_db

LOCKED = "The anonymity settings cannot change once the cycle is launched"


@pytest.mark.parametrize("change", [{"anonymity": "named"}, {"anonymity": "manager_only"},
                                    {"anonymity_threshold": 1}, {"anonymity_threshold": 5},
                                    {"group_weights": {"peer": 0}}])
def test_the_api_refuses_a_change_of_anonymity_once_launched(org, api, cycle, change):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    response = api(org.hr_admin).patch(f"/api/cycles/{cycle.pk}/", change, format="json")
    assert response.status_code == 400
    [field] = change
    assert LOCKED in response.json()[field][0]
    fresh = ReviewCycle.objects.get(pk=cycle.pk)
    assert (fresh.anonymity, fresh.anonymity_threshold, fresh.group_weights) == (
        cycle.anonymity, cycle.anonymity_threshold, cycle.group_weights)


def test_the_same_values_and_a_draft_change_pass(org, api, cycle):
    hr = api(org.hr_admin)
    assert hr.patch(f"/api/cycles/{cycle.pk}/", {"anonymity": "named", "anonymity_threshold": 1},
                    format="json").status_code == 200
    advance(cycle, "launch", by=org.hr_admin)
    same = {"anonymity": "named", "anonymity_threshold": 1, "group_weights": {"peer": 1}, "name": "Renamed"}
    response = hr.patch(f"/api/cycles/{cycle.pk}/", same, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Renamed"


def test_the_page_shows_the_anonymity_fixed_and_ignores_a_forged_change(org, web, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    hr = web(org.hr_admin)
    page = hr.get(f"/cycles/{cycle.pk}/edit/").content.decode()
    for name in ("anonymity", "anonymity_threshold", "weight_peer"):
        tag = page[page.index(f'name="{name}"') - 200: page.index(f'name="{name}"') + 200]
        assert "disabled" in tag, name
    assert "respondents answer under the anonymity they were promised" in page
    forged = cycle_form(org, name="Spring review", anonymity="named", anonymity_threshold=1, weight_peer=0)
    response = hr.post(f"/cycles/{cycle.pk}/edit/", forged)
    assert response.status_code == 302, response.content.decode()[:2000]
    fresh = ReviewCycle.objects.get(pk=cycle.pk)
    assert (fresh.anonymity, fresh.anonymity_threshold, fresh.weight("peer")) == ("anonymous", 2, 1.0)


def test_no_participant_units_on_a_running_cycle_is_a_field_problem(org, api, web, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    response = api(org.hr_admin).patch(f"/api/cycles/{cycle.pk}/", {"participant_units": []}, format="json")
    assert response.status_code == 400
    assert "at least one participant unit" in response.json()["participant_units"][0]
    page = web(org.hr_admin).post(f"/cycles/{cycle.pk}/edit/", cycle_form(org, name="Spring review",
                                                                         participant_units=[]))
    assert page.status_code == 400 and 'class="field invalid"' in page.content.decode()
    assert cycle.participant_units.count() == 1
    assert not Review.objects.filter(cycle=cycle, state="withdrawn").exists()


def test_a_cycle_left_without_units_syncs_without_withdrawing_anyone(org, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    before = Review.objects.filter(cycle=cycle).count()
    cycle.participant_units.clear()  # its units deleted, say
    assert cycle_sync_participants(cycle) == {"created": 0, "reassigned": 0, "withdrawn": 0, "cancelled": 0}
    assert Review.objects.filter(cycle=cycle).exclude(state="withdrawn").count() == before


def test_one_failing_cycle_does_not_hold_back_the_others_background_sync(org, cycle, monkeypatch):
    from tests.cycles.factories import make_cycle
    other = advance(make_cycle(by=org.hr_admin, units=[org.acme], name="Other"), "launch", by=org.hr_admin)
    advance(cycle, "launch", by=org.hr_admin)
    real, synced = participants.cycle_sync_participants, []

    def flaky(c, by=None):
        if c.pk == cycle.pk:
            raise RuntimeError("broken")
        synced.append(c.pk)
        return real(c, by=by)

    monkeypatch.setattr(participants, "cycle_sync_participants", flaky)
    with pytest.raises(participants.SyncFailed):
        participants._sync([cycle.pk, other.pk], None)
    assert synced == [other.pk]


def test_the_admin_shows_a_launched_cycles_anonymity_read_only(org, web, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    org.hr_admin.user.is_staff = org.hr_admin.user.is_superuser = True
    org.hr_admin.user.save()
    page = web(org.hr_admin).get(f"/admin/cycles/reviewcycle/{cycle.pk}/change/").content.decode()
    for name in ("anonymity", "anonymity_threshold", "group_weights"):
        assert f'name="{name}"' not in page, name
