"""The period retrospective against figures worked out by hand, who may read it, and its PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from coach.retrospective import retrospective
from okrs.models import Dependency

from .conftest import build, check_in

pytestmark = pytest.mark.django_db

TODAY = dt.date(2019, 7, 20)  # the third week of 2019-Q3 (which starts on Monday 1 July)


@pytest.fixture
def period(org, q3):
    """Six committed objectives of Engineering and its people, one draft, one of Sales; check-ins; requests.

    scores 0.1 0.25 | 0.5 | 0.7 0.95 1.0  →  red 2, yellow 1, green 3 of 6
    check-ins: week of 1 July conf 6 and 8; week of 8 July conf 4; week of 15 July none
    """
    scores = ["0.1", "0.25", "0.5", "0.7", "0.95", "1"]
    states = ["active", "active", "agreed", "active", "closed", "closed"]
    owners = [dict(level="unit", unit=org.engineering), dict(level="team", unit=org.platform),
              dict(owner=org.employee), dict(owner=org.peer), dict(owner=org.manager), dict(owner=org.skip)]
    made = [build(q3, title=f"Objective {i}", score=s, state=st, **who)
            for i, (s, st, who) in enumerate(zip(scores, states, owners, strict=True))]
    build(q3, title="Draft, not committed", owner=org.employee, score="0.9")
    sales = build(q3, title="Sales", level="team", unit=org.sales, state="active", score="0.65",
                  krs=[{"title": "Leads", "progress": "0.8"}, {"title": "Deals", "progress": "0.5"}])
    first, second = made[0].key_results.get(), made[1].key_results.get()
    check_in(first, dt.date(2019, 7, 2), confidence=6)
    check_in(first, dt.date(2019, 7, 3), confidence=8)
    check_in(second, dt.date(2019, 7, 9), confidence=4)
    check_in(second, dt.date(2019, 6, 28), confidence=1)  # before the period: not counted
    # Asked of Platform by Sales: honoured (its key result at 0.8), accepted but short (0.5), declined.
    leads, deals = sales.key_results.order_by("position")
    Dependency.objects.create(from_unit=org.sales, to_unit=org.platform, objective=sales, key_result=leads,
                              state="accepted")
    Dependency.objects.create(from_unit=org.sales, to_unit=org.platform, objective=sales, key_result=deals,
                              state="accepted")
    Dependency.objects.create(from_unit=org.sales, to_unit=org.engineering, objective=sales, state="declined")
    # Asked by Engineering of Sales, still open.
    Dependency.objects.create(from_unit=org.engineering, to_unit=org.sales, objective=made[0])
    return q3


def test_the_figures_match_the_hand_count(org, period):
    data = retrospective(org.hr_admin.user, org.engineering, period, today=TODAY)
    assert data["objectives"] == 6
    assert data["average"] == Decimal("0.58")  # 3.5 / 6
    assert data["zones"] == [{"zone": "green", "count": 3, "share": 50.0},
                             {"zone": "yellow", "count": 1, "share": 16.7},
                             {"zone": "red", "count": 2, "share": 33.3}]
    assert [b["count"] for b in data["distribution"]] == [0, 1, 1, 0, 0, 1, 0, 1, 0, 2]
    assert data["key_results"] == 6 and data["check_ins"] == 3
    assert [(w["week"], w["check_ins"], w["confidence"], w["per_key_result"]) for w in data["weekly"]] == [
        (dt.date(2019, 7, 1), 2, 7.0, 0.33), (dt.date(2019, 7, 8), 1, 4.0, 0.17), (dt.date(2019, 7, 15), 0, None, 0.0)]
    assert data["check_ins_per_key_result_per_week"] == 0.17  # 3 / (6 × 3)
    assert data["dependencies"]["asked_of"] == {"total": 3, "requested": 0, "accepted": 2, "declined": 1,
                                                "honoured": 1, "honoured_share": 50.0}
    assert data["dependencies"]["asked_by"] == {"total": 1, "requested": 1, "accepted": 0, "declined": 0,
                                                "honoured": 0, "honoured_share": 0.0}


def test_the_company_counts_every_unit(org, period):
    data = retrospective(org.hr_admin.user, org.acme, period, today=TODAY)
    assert data["company"] is True
    assert data["objectives"] == 7  # Sales' team objective too
    assert data["dependencies"]["asked_of"]["total"] == 4


def test_a_reader_counts_only_what_they_may_see(org, period):
    private = build(period, title="Private", owner=org.employee, private=True, state="active", score="0.9")
    assert retrospective(org.peer.user, org.engineering, period, today=TODAY)["objectives"] == 6
    assert retrospective(org.manager.user, org.engineering, period, today=TODAY)["objectives"] == 7
    assert private.pk


def test_the_api_answers_the_same_figures(org, api, period):
    body = api(org.hr_admin).get(f"/api/retrospective/?unit={org.engineering.pk}&period={period.code}").json()
    assert body["objectives"] == 6 and body["average_score"] == 0.58
    assert body["zones"][2] == {"zone": "red", "count": 2, "share": 33.3}
    assert body["dependencies"]["asked_of"]["honoured"] == 1
    # The period is over: every one of its 14 weeks is listed.
    assert len(body["weekly"]) == 14 and body["weekly"][0]["week"] == "2019-07-01"


@pytest.mark.parametrize("who, unit, code", [
    ("employee", "platform", 200), ("employee", "engineering", 200), ("employee", "sales", 404),
    ("manager", "platform", 200), ("skip", "platform", 200), ("ceo", "sales", 200),
    ("hr_partner", "platform", 200), ("hr_partner", "sales", 404), ("outsider", "engineering", 404),
    ("hr_admin", "sales", 200),
])
def test_who_reads_a_units_retrospective(org, api, period, who, unit, code):
    url = f"/api/retrospective/?unit={getattr(org, unit).pk}&period={period.code}"
    assert api(getattr(org, who)).get(url).status_code == code


@pytest.mark.parametrize("who, code", [("ceo", 200), ("hr_admin", 200), ("employee", 404), ("skip", 404),
                                       ("hr_partner", 404)])
def test_who_reads_the_companys_retrospective(org, api, period, who, code):
    assert api(getattr(org, who)).get(f"/api/retrospective/?period={period.pk}").status_code == code
    # The top unit asked for by its id is the company's retrospective, with the same rule.
    assert api(getattr(org, who)).get(f"/api/retrospective/?unit={org.acme.pk}&period={period.pk}").status_code == code


@pytest.mark.parametrize("query", ["period=nope", "period=2019-Q3&unit=abc", "period=2019-Q3&unit=0"])
def test_bad_parameters_answer_400(org, api, period, query):
    response = api(org.hr_admin).get(f"/api/retrospective/?{query}")
    assert response.status_code == 400


def test_the_page_shows_the_figures_and_charts_with_text_alternatives(org, web, period):
    response = web(org.skip).get(f"/coach/retrospective/units/{org.engineering.pk}/?period={period.code}")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == 4 and html.count("<title id=") == 4 and html.count("<desc id=") == 4
    assert "33.3%" in html and "50.0%" in html
    assert web(org.outsider).get(f"/coach/retrospective/units/{org.engineering.pk}/").status_code == 404
    assert web(org.employee).get("/coach/retrospective/").status_code == 404


@pytest.mark.parametrize("lang", ["en", "ru", "zh-hans"])
def test_the_pdf_comes_from_the_one_renderer_in_each_language(org, web, period, lang):
    response = web(org.ceo).get(f"/documents/retrospective.pdf?period={period.code}&lang={lang}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert web(org.outsider).get(f"/documents/retrospective.pdf?period={period.code}").status_code == 404


def test_the_pdf_template_carries_the_figures(org, period):
    from coach.retrospective import charts_of
    from common.pdf import render_html

    data = retrospective(org.hr_admin.user, org.engineering, period, today=TODAY)
    html = render_html("pdf/retrospective.html", {**data, "charts": charts_of(data), "generated_at": None},
                       language="ru")
    assert "Engineering" in html and "33.3%" in html and "<svg" in html


def test_a_request_without_a_key_result_is_honoured_by_its_objectives_score(org, q3):
    reached = build(q3, title="Reached", level="team", unit=org.sales, state="closed", score="0.7")
    missed = build(q3, title="Missed", level="team", unit=org.sales, state="closed", score="0.69")
    for objective in (reached, missed):
        Dependency.objects.create(from_unit=org.sales, to_unit=org.platform, objective=objective, state="accepted")
    data = retrospective(org.hr_admin.user, org.platform, q3, today=TODAY)
    assert data["dependencies"]["asked_of"]["honoured"] == 1


def test_a_closed_key_result_is_judged_by_its_grade(org, q3):
    objective = build(q3, title="Graded", level="team", unit=org.sales, state="closed",
                      krs=[{"title": "Leads", "progress": "0.9", "grade": "0.4"}])
    Dependency.objects.create(from_unit=org.sales, to_unit=org.platform, objective=objective,
                              key_result=objective.key_results.get(), state="accepted")
    assert retrospective(org.hr_admin.user, org.platform, q3, today=TODAY)["dependencies"]["asked_of"]["honoured"] == 0
