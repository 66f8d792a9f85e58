"""HR's dashboard figure of a cycle: per unit, the share of manager comments that pass the writing coach's
specificity check (no vague praise or criticism, long enough for an example), in every language, for the reviews
the reader may read, a page of units at a time, in the same queries whatever the size."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coach.writing import is_specific
from people.models import Unit
from reviews.models import Review
from reviews.selectors.writing import UNITS_PER_PAGE, comment_texts, specificity_by_unit
from tests.cycles.factories import ObjectiveFactory, make_cycle, walk
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

SPECIFIC = {
    "en": "In March she moved the billing service to the new cluster two weeks early, and failed payments fell by "
          "a third.",
    "ru": "В марте она перевела биллинг на новый кластер на две недели раньше срока, и ошибок оплаты стало на треть "
          "меньше.",
    "zh-hans": "三月份她提前两周把计费服务迁移到新集群，支付失败的工单减少了三分之一。",
}
VAGUE = {
    "en": "Great job this year, keep it up.",
    "ru": "Отличная работа в этом году, так держать!",
    "zh-hans": "今年工作做得很好，继续保持。",
}


@pytest.fixture
def cycle(org):
    ObjectiveFactory(owner=org.employee, title="Launch the mobile app")
    return make_cycle(by=org.hr_admin, units=[org.acme])


def written(cycle, person, *texts: str, state: str = Review.State.MANAGER_SUBMITTED, **fields) -> None:
    """``person``'s review with a manager review holding ``texts``, in ``state`` (straight in the table)."""
    answers = [{"question": 1, "goal": None, "development_goal": None, "rating": None, "text": t} for t in texts]
    Review.objects.filter(cycle=cycle, person=person).update(state=state, manager_answers=answers, **fields)


def row(figure, path):
    return next(u for u in figure["units"] if u["path"] == path)


def test_the_examples_are_what_they_say_in_each_language():
    for language in SPECIFIC:
        assert is_specific(SPECIFIC[language]), language
        assert not is_specific(VAGUE[language]), language
    assert not is_specific("Solid.")  # too short to hold an example


def test_per_unit_the_share_of_specific_comments(org, cycle):
    review = walk(org, cycle, "manager_submitted")  # the employee's: "Solid", too short
    written(review.cycle, org.peer, SPECIFIC["en"], VAGUE["ru"], SPECIFIC["zh-hans"])
    written(review.cycle, org.outsider, SPECIFIC["ru"], "  ")  # a blank answer is no comment
    figure = specificity_by_unit(review.cycle, org.hr_admin.user)
    platform = row(figure, "Acme/Engineering/Platform")
    assert (platform["specific"], platform["comments"], platform["percent"]) == (2, 4, 50)
    sales = row(figure, "Acme/Sales")
    assert (sales["specific"], sales["comments"], sales["percent"]) == (1, 1, 100)
    assert [u["path"] for u in figure["units"]] == sorted(u["path"] for u in figure["units"])


def test_only_written_manager_reviews_count(org, cycle):
    review = walk(org, cycle, "manager_submitted")
    # A draft manager review is not yet a comment; a skipped one never was; every state after submission is.
    written(review.cycle, org.peer, VAGUE["en"], state=Review.State.RESPONDENTS_APPROVED)
    written(review.cycle, org.outsider, VAGUE["en"], skipped_manager_review=True)
    written(review.cycle, org.skip, SPECIFIC["en"], state=Review.State.RELEASED)
    figure = specificity_by_unit(review.cycle, org.hr_admin.user)
    assert {u["path"]: (u["specific"], u["comments"]) for u in figure["units"]} == {
        "Acme/Engineering/Platform": (0, 1), "Acme/Engineering": (1, 1)}


def test_each_reader_sees_the_units_of_the_reviews_they_read(org, cycle):
    review = walk(org, cycle, "manager_submitted")
    written(review.cycle, org.outsider, SPECIFIC["en"])
    admin = {u["path"] for u in specificity_by_unit(review.cycle, org.hr_admin.user)["units"]}
    partner = {u["path"] for u in specificity_by_unit(review.cycle, org.hr_partner.user)["units"]}
    assert admin == {"Acme/Engineering/Platform", "Acme/Sales"}
    assert partner == {"Acme/Engineering/Platform"}  # the partner of Engineering reads no Sales review


def test_the_dashboard_shows_the_figure_to_hr(org, web, cycle):
    review = walk(org, cycle, "manager_submitted")
    written(review.cycle, org.peer, SPECIFIC["en"], VAGUE["en"], SPECIFIC["ru"])
    page = web(org.hr_admin).get(reverse("reviews:dashboard", args=[review.cycle_id])).content.decode()
    assert "Specific manager comments" in page
    assert 'aria-label="Acme/Engineering/Platform">50%</progress>' in page and "(2/4)" in page
    assert web(org.manager).get(reverse("reviews:dashboard", args=[review.cycle_id])).status_code == 404


def test_before_any_manager_review_it_says_so(org, web, cycle):
    review = walk(org, cycle, "self_submitted")
    page = web(org.hr_admin).get(reverse("reviews:dashboard", args=[review.cycle_id])).content.decode()
    assert "No manager review submitted yet." in page


def test_units_come_a_page_at_a_time_in_two_queries(org, cycle, django_assert_num_queries):
    review = walk(org, cycle, "manager_submitted")
    counts = []
    for added in (3, UNITS_PER_PAGE + 2):  # 3 units of Sales, then 30: with Platform, 4 and 31 units
        for _ in range(added):
            unit = UnitFactory(parent=org.sales, kind=Unit.Kind.TEAM)
            person = PersonFactory(unit=unit, manager=org.outsider)
            Review.objects.create(cycle=review.cycle, person=person, manager=org.outsider, unit=unit,
                                  state=Review.State.MANAGER_SUBMITTED,
                                  manager_answers=[{"question": 1, "text": SPECIFIC["en"]}])
        with django_assert_num_queries(2):
            figure = specificity_by_unit(review.cycle, org.hr_admin.user)
        counts.append(len(figure["units"]))
    assert counts == [4, UNITS_PER_PAGE]
    assert figure["unit_page"] == {"number": 1, "previous": None, "next": 2}
    second = specificity_by_unit(review.cycle, org.hr_admin.user, unit_page=2)
    assert len(second["units"]) == 31 - UNITS_PER_PAGE and second["unit_page"]["previous"] == 1
    assert specificity_by_unit(review.cycle, org.hr_admin.user, unit_page="x")["unit_page"]["number"] == 1


def test_comment_texts_reads_only_texts():
    assert comment_texts(None) == [] and comment_texts("junk") == []
    assert comment_texts([{"text": " Fine. "}, {"text": ""}, {"rating": 3}, {"text": 4}, "x"]) == [" Fine. "]
