"""The coach's pages: beside an objective, silencing with a reason, a unit's summary, the rule settings."""

from __future__ import annotations

import pytest
from django.utils import timezone

from coach.models import CoachRule, Silence
from okrs.selectors import period_containing

from .conftest import TEXTS, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def current(db):
    return period_containing(timezone.localdate())


@pytest.fixture
def flagged(org, current):
    return build(current, title=TEXTS["ru"]["figure"], owner=org.employee, krs=[{"title": TEXTS["ru"]["task"]}])


def test_the_objective_page_loads_the_coach_beside_the_goal(org, web, flagged):
    html = web(org.peer).get(f"/goals/objectives/{flagged.pk}/").content.decode()
    assert f'hx-get="/coach/objectives/{flagged.pk}/"' in html


def test_the_panel_lists_each_finding_with_why_and_fix(org, web, flagged):
    response = web(org.employee).get(f"/coach/objectives/{flagged.pk}/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "(“2”)" in html and "“запустить”" in html
    assert html.count('class="coach-finding"') == 2
    assert html.count("coach-silence") == 2  # the owner may silence each


def test_a_colleague_reads_the_panel_but_gets_no_silence_form(org, web, flagged):
    html = web(org.peer).get(f"/coach/objectives/{flagged.pk}/").content.decode()
    assert "<html" in html and 'class="coach-finding"' in html and "coach-silence" not in html


def test_a_private_goal_has_no_coach_for_an_outsider(org, web, current):
    private = build(current, title=TEXTS["zh"]["figure"], owner=org.employee, private=True)
    assert web(org.outsider).get(f"/coach/objectives/{private.pk}/").status_code == 404
    assert web(org.outsider).post(f"/coach/objectives/{private.pk}/silence/",
                                  {"rule": "figures_in_objective", "reason": "x"}).status_code == 404
    assert web(org.manager).get(f"/coach/objectives/{private.pk}/").status_code == 200


def test_the_owner_silences_from_the_page_and_the_reason_shows(org, web, flagged):
    kr = flagged.key_results.get()
    response = web(org.employee).post(f"/coach/objectives/{flagged.pk}/silence/",
                                      {"rule": "kr_is_a_task", "key_result": kr.pk, "reason": "Launch is the goal"})
    assert response.status_code == 302 and response["Location"] == f"/goals/objectives/{flagged.pk}/"
    silence = Silence.objects.get()
    assert (silence.key_result, silence.by, silence.reason) == (kr, org.employee, "Launch is the goal")
    html = web(org.employee).get(f"/coach/objectives/{flagged.pk}/").content.decode()
    assert html.count('class="coach-finding"') == 1 and "Launch is the goal" in html


def test_silencing_without_a_reason_is_refused(org, web, flagged):
    response = web(org.employee).post(f"/coach/objectives/{flagged.pk}/silence/", {"rule": "figures_in_objective"})
    assert response.status_code == 400 and not Silence.objects.exists()


def test_silencing_is_the_owners_chain_not_a_colleagues(org, web, flagged):
    body = {"rule": "figures_in_objective", "reason": "x"}
    assert web(org.peer).post(f"/coach/objectives/{flagged.pk}/silence/", body).status_code == 403
    assert web(org.employee).get(f"/coach/objectives/{flagged.pk}/silence/").status_code == 405
    assert web(org.manager).post(f"/coach/objectives/{flagged.pk}/silence/", body).status_code == 302


def test_lifting_a_silence_from_the_page(org, web, flagged):
    silence = Silence.objects.create(objective=flagged, rule="figures_in_objective", reason="x")
    assert web(org.peer).post(f"/coach/silences/{silence.pk}/delete/").status_code == 403
    assert web(org.outsider).get(f"/coach/silences/{silence.pk}/delete/").status_code == 405
    assert web(org.employee).post(f"/coach/silences/{silence.pk}/delete/").status_code == 302
    assert not Silence.objects.exists()


def test_the_unit_summary_groups_findings_by_rule(org, web, current, flagged):
    build(current, title=TEXTS["en"]["figure"], level="team", unit=org.platform, state="active")
    response = web(org.manager).get(f"/coach/units/{org.platform.pk}/?period={current.code}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="rule-figures_in_objective"' in html and 'id="rule-kr_is_a_task"' in html
    assert html.index('id="rule-figures_in_objective"') < html.index('id="rule-kr_is_a_task"')
    one = web(org.manager).get(f"/coach/units/{org.platform.pk}/?period={current.code}&rule=kr_is_a_task")
    assert 'id="rule-figures_in_objective"' not in one.content.decode()
    assert web(org.manager).get("/coach/units/99999/").status_code == 404
    assert web(org.manager).get(f"/coach/units/{org.platform.pk}/?period=1999-Q9").status_code == 404


def test_coach_home_opens_my_units_summary(org, web):
    response = web(org.employee).get("/coach/")
    assert response.status_code == 302 and response["Location"] == f"/coach/units/{org.platform.pk}/"


def test_hr_admin_configures_the_rules_on_a_page(org, web):
    assert web(org.hr_admin).get("/coach/rules/").status_code == 200
    response = web(org.hr_admin).post("/coach/rules/", {"code": "no_recent_check_in",
                                                        "no_recent_check_in-enabled": "on",
                                                        "no_recent_check_in-days": "21"})
    assert response.status_code == 302
    row = CoachRule.objects.get(code="no_recent_check_in")
    assert row.params == {"days": 21} and row.updated_by == org.hr_admin
    bad = web(org.hr_admin).post("/coach/rules/", {"code": "no_recent_check_in", "no_recent_check_in-days": "0"})
    assert bad.status_code == 400
    assert web(org.ceo).get("/coach/rules/").status_code == 404


def test_a_closed_objective_points_to_the_retrospective_instead(org, web, current):
    closed = build(current, title=TEXTS["en"]["figure"], owner=org.employee, state="closed")
    html = web(org.employee).get(f"/coach/objectives/{closed.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "coach-finding" not in html and "retrospective" in html
