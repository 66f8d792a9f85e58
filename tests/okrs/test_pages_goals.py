"""The goals pages render for the people who may see them and answer 404 for what they may not."""

import pytest

from okrs.models import Objective

from .conftest import kr_of

pytestmark = pytest.mark.django_db


def test_my_goals_shows_the_employees_objectives_with_score_zone_and_inline_check_in(org, web, make_objective):
    objective = make_objective("personal", org.employee, title="Launch Gmail in September", state="active")
    response = web(org.employee).get("/goals/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Launch Gmail in September" in body
    assert f'id="score-{objective.pk}"' in body
    assert "Off track" in body  # the zone in words, not colour alone
    assert f'hx-post="/goals/key-results/{kr_of(objective).pk}/check-in/"' in body


def test_the_home_page_leads_an_employee_to_my_goals(org, web):
    response = web(org.employee).get("/")
    assert response.status_code == 302 and response.url == "/goals/"


def test_a_private_objective_is_404_to_an_outsider_and_visible_to_the_manager(org, web, make_objective):
    objective = make_objective("personal", org.employee, title="Secret plan", private=True)
    assert web(org.outsider).get(f"/goals/objectives/{objective.pk}/").status_code == 404
    assert "Secret plan" not in web(org.outsider).get(f"/goals/people/{org.employee.pk}/").content.decode()
    assert web(org.manager).get(f"/goals/objectives/{objective.pk}/").status_code == 200
    assert "Secret plan" in web(org.manager).get(f"/goals/people/{org.employee.pk}/").content.decode()


def test_the_objective_page_draws_a_chart_with_a_text_alternative(org, web, make_objective, quarter):
    from okrs.services import check_in_create

    objective = make_objective("personal", org.employee, state="active")
    kr = kr_of(objective)
    check_in_create(key_result=kr, by=org.employee.user, value=30, confidence=6, note="first week")
    check_in_create(key_result=kr, by=org.employee.user, value=55, confidence=7)
    body = web(org.employee).get(f"/goals/objectives/{objective.pk}/").content.decode()
    assert '<svg class="chart"' in body and "<title id=" in body and "<desc id=" in body
    assert "first week" in body  # the table under the chart
    kr_page = web(org.peer).get(f"/goals/key-results/{kr.pk}/")
    assert kr_page.status_code == 200 and "Confidence trend" in kr_page.content.decode()


def test_a_unit_page_lists_its_objectives_and_both_sides_of_its_dependencies(org, web, make_objective):
    from okrs.services import dependency_create

    team = make_objective("team", org.platform, title="One million users by November", state="active")
    sales = make_objective("team", org.sales, title="Take our product to the global market")
    dependency_create(by=org.hr_admin.user, objective=team, to_unit=org.sales, message="Help us sell")
    dependency_create(by=org.hr_admin.user, objective=sales, to_unit=org.platform, message="Build it")
    body = web(org.employee).get(f"/goals/units/{org.platform.pk}/").content.decode()
    assert "One million users by November" in body
    assert "Help us sell" in body and "Build it" in body
    team_page = web(org.employee).get("/goals/team/")
    assert team_page.status_code == 200 and "One million users by November" in team_page.content.decode()
    assert web(org.employee).get("/goals/units/999999/").status_code == 404


def test_the_tree_shows_the_top_level_and_loads_children_on_demand(org, web, make_objective):
    company = make_objective("company", org.acme, title="Build a workable model for evaluating OKRs",
                             state="active")
    child = make_objective("team", org.platform, title="Present OKRs to the team on time",
                           parent_key_result=kr_of(company))
    top = web(org.employee).get("/goals/tree/").content.decode()
    assert "Build a workable model for evaluating OKRs" in top
    assert child.title not in top
    assert f'hx-get="/goals/tree/{company.pk}/children/"' in top
    children = web(org.employee).get(f"/goals/tree/{company.pk}/children/", HTTP_HX_REQUEST="true")
    assert children.status_code == 200
    assert child.title in children.content.decode() and "<html" not in children.content.decode()


def test_the_tree_search_finds_objectives_by_title(org, web, make_objective):
    make_objective("company", org.acme, title="Take our product to the global market")
    body = web(org.employee).get("/goals/tree/?q=global").content.decode()
    assert "Take our product to the global market" in body


def test_the_children_of_an_invisible_objective_are_404(org, web, make_objective):
    private = make_objective("personal", org.employee, private=True)
    assert web(org.outsider).get(f"/goals/tree/{private.pk}/children/").status_code == 404


@pytest.mark.parametrize("lang,word", [("ru", "Мои цели"), ("zh-hans", "我的目标")])
def test_my_goals_speaks_russian_and_chinese(org, web, make_objective, lang, word, settings):
    make_objective("personal", org.employee)
    client = web(org.employee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    assert word in client.get("/goals/").content.decode()


def test_an_hr_admin_without_a_person_is_sent_to_the_tree(org, web):
    Objective.objects.all().delete()
    assert web(org.hr_admin).get("/goals/").status_code == 200


@pytest.mark.parametrize("url", ["/goals/board/teams/{unit}/?week=9999-12-31", "/goals/board/teams/{unit}/?week=nope",
                                  "/goals/objectives/new/?unit=abc", "/goals/tree/?offset=-5&period=nope",
                                  "/goals/?period=1999-Q9"])
def test_odd_addresses_answer_a_page_not_an_error(org, web, url):
    assert web(org.manager).get(url.format(unit=org.platform.pk)).status_code == 200


def test_a_long_tree_level_comes_fifty_at_a_time(org, web, quarter):
    Objective.objects.bulk_create(Objective(title=f"Company {i:02}", level="company", unit=org.acme, owner=org.ceo,
                                            period=quarter, state="active") for i in range(55))
    first = web(org.employee).get("/goals/tree/").content.decode()
    assert "Company 49" in first and "Company 50" not in first
    assert f'hx-get="/goals/tree/?offset=50&amp;period={quarter.code}"' in first
    rest = web(org.employee).get(f"/goals/tree/?offset=50&period={quarter.code}", HTTP_HX_REQUEST="true")
    body = rest.content.decode()
    assert "<html" not in body and "Company 50" in body and "Company 54" in body and "Show more" not in body
