"""The figures of the HR dashboard and the calibration page, computed by the database, against values worked
out by hand on a constructed cycle; and the calibration page's queries at two sizes with a session set up."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycles.models import Question, ScaleLevel
from reviews.models import FeedbackRequest, Review
from reviews.selectors.calibration import (
    calibration_scope,
    histogram_of_grid,
    manager_averages,
    nine_box,
    rating_grid,
)
from reviews.selectors.dashboard import completion, rating_counts
from reviews.selectors.rater_quality import group_warnings, rater_flags
from reviews.services import calibration_session_create
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
S = Review.State


def _answers(cycle, rating, text="", cant_judge=False):
    """One answer per respondent question: ``rating`` on the rating ones (the first one at its scale's "can't
    judge" level when asked), ``text`` on the text ones."""
    answers, first = [], True
    for q in Question.objects.filter(template=cycle.template, author="respondent").order_by("position", "pk"):
        if q.kind == "rating":
            value = rating
            if cant_judge and first:
                value = ScaleLevel.objects.get(scale_id=q.scale_id, is_cant_judge=True).value
            first = False
            answers.append({"question": q.pk, "rating": value, "text": ""})
        elif q.kind == "text":
            answers.append({"question": q.pk, "text": text})
    return answers


def _rating_questions(cycle) -> int:
    return Question.objects.filter(template=cycle.template, author="respondent", kind="rating").count()


@pytest.fixture
def constructed(org, cycle):
    """Seven reviews (and a withdrawn one) with known states, ratings and potentials; five feedback requests.

    | review | unit     | manager  | state             | prelim | calibrated | potential |
    | a      | platform | manager  | manager_submitted | 5      |            | 3         |
    | b      | platform | manager  | manager_submitted | 4      | 2          | 1         |
    | c      | platform | manager  | calibrated        | 3      |            | 2         |
    | d      | platform | manager  | goals_draft       |        |            |           |
    | h      | platform | skip     | manager_submitted | 4      |            | 2         |
    | e      | sales    | outsider | manager_submitted | 1      |            |           |
    | f      | sales    | outsider | released          | 4      |            | 3         |
    | g      | sales    | outsider | withdrawn         | 5      |            | 3         |
    """
    def review(name, unit, manager, state, prelim=None, calibrated=None, potential=None):
        person = PersonFactory(full_name=f"Person {name.upper()}", unit=unit, manager=manager)
        return Review.objects.create(cycle=cycle, person=person, manager=manager, unit=unit, state=state,
                                     preliminary_rating=prelim, calibrated_rating=calibrated, potential=potential)

    r = {
        "a": review("a", org.platform, org.manager, S.MANAGER_SUBMITTED, 5, None, 3),
        "b": review("b", org.platform, org.manager, S.MANAGER_SUBMITTED, 4, 2, 1),
        "c": review("c", org.platform, org.manager, S.CALIBRATED, 3, None, 2),
        "d": review("d", org.platform, org.manager, S.GOALS_DRAFT),
        "h": review("h", org.platform, org.skip, S.MANAGER_SUBMITTED, 4, None, 2),
        "e": review("e", org.sales, org.outsider, S.MANAGER_SUBMITTED, 1, None, None),
        "f": review("f", org.sales, org.outsider, S.RELEASED, 4, None, 3),
        "g": review("g", org.sales, org.outsider, S.WITHDRAWN, 5, None, 3),
    }

    def request(review_key, respondent, group, state, answers=()):
        return FeedbackRequest.objects.create(review=r[review_key], respondent=respondent, cycle=cycle, group=group,
                                              state=state, answers=list(answers))

    long_text = "Excellent and thorough work here"
    # The peer rates 5 everywhere (one answer "can't judge"), also on d, which is not in calibration.
    request("a", org.peer, "peer", "submitted", _answers(cycle, 5, long_text, cant_judge=True))
    request("h", org.peer, "peer", "submitted", _answers(cycle, 5, long_text))
    request("d", org.peer, "peer", "submitted", _answers(cycle, 5, long_text))
    request("h", org.outsider, "customer", "submitted", _answers(cycle, 2, long_text))
    request("a", org.skip, "peer", "approved")
    return r


def test_the_dashboard_figures_are_the_hand_computed_ones(org, cycle, constructed):
    progress = completion(cycle, org.hr_admin.user)
    phases = {p["phase"]: (p["done"], p["total"]) for p in progress["phases"]}
    # Seven reviews count (g is withdrawn); d is still drafting goals.
    assert phases == {
        "goals": (6, 7), "self_review": (6, 7), "feedback": (4, 5), "manager_review": (6, 7),
        "calibration": (2, 7), "conversation": (0, 7),
    }
    assert progress["current"] == "goals"  # a draft cycle
    assert [(u["path"], u["done"], u["total"], u["percent"]) for u in progress["units"]] == [
        ("Acme/Engineering/Platform", 4, 5, 80), ("Acme/Sales", 2, 2, 100)]
    assert progress["ratings"] == rating_counts(cycle, org.hr_admin.user) == {1: 1, 2: 1, 3: 1, 4: 2, 5: 1}
    # The HR partner of Engineering sees Platform only.
    partner = completion(cycle, org.hr_partner.user)
    assert [(u["path"], u["total"]) for u in partner["units"]] == [("Acme/Engineering/Platform", 5)]
    assert partner["total"] == 5


def test_the_dashboard_pages_its_units(org, cycle, constructed, web, settings):
    import reviews.selectors.dashboard as dashboard

    original, dashboard.UNITS_PER_PAGE = dashboard.UNITS_PER_PAGE, 1
    try:
        first = completion(cycle, org.hr_admin.user)
        second = completion(cycle, org.hr_admin.user, unit_page=2)
        beyond = completion(cycle, org.hr_admin.user, unit_page="x")
    finally:
        dashboard.UNITS_PER_PAGE = original
    assert [u["path"] for u in first["units"]] == ["Acme/Engineering/Platform"]
    assert first["unit_page"]["next"] == 2 and first["unit_page"]["previous"] is None
    assert [u["path"] for u in second["units"]] == ["Acme/Sales"] and second["unit_page"]["next"] is None
    assert beyond["unit_page"]["number"] == 1
    page = web(org.hr_admin).get(reverse("reviews:dashboard", args=[cycle.pk]) + "?units=abc&overdue=-3")
    assert page.status_code == 200


def test_the_calibration_figures_are_the_hand_computed_ones(org, cycle, constructed):
    scope = calibration_scope(org.hr_admin.user, cycle)
    assert set(scope.values_list("pk", flat=True)) == {constructed[k].pk for k in "abcehf"}
    grid = rating_grid(scope)
    histogram = histogram_of_grid(grid, cycle)
    assert {row["value"]: row["count"] for row in histogram["rows"] if row["count"]} == {1: 1, 2: 1, 3: 1, 4: 2, 5: 1}
    assert histogram["total"] == 6
    box = nine_box(scope, cycle, grid=grid)
    cells = {(c["potential"], c["performance"]): (c["count"], [r.person.full_name for r in c["reviews"]])
             for line in box["grid"] for c in line if c["count"]}
    # Six final levels: 1–2 low, 3–4 middle, 5–6 high; potential on three levels: 1 low, 2 middle, 3 high.
    assert cells == {
        (2, 2): (1, ["Person A"]),  # 5 / 3
        (2, 1): (1, ["Person F"]),  # 4 / 3
        (0, 0): (1, ["Person B"]),  # calibrated to 2 / 1
        (1, 1): (2, ["Person C", "Person H"]),  # 3 / 2 and 4 / 2
    }
    assert box["unplaced"] == 1  # e has no potential

    managers = manager_averages(scope)
    rows = [(r["manager"]["full_name"], r["count"], r["average"], r["unit"]["name"], r["unit_average"])
            for r in managers["rows"]]
    # Platform's rated reviews: 5, 2, 3, 4 → 3.5; Sales: 1, 4 → 2.5.
    assert rows == [("Mia Manager", 3, 3.33, "Platform", 3.5), ("Otto Outsider", 2, 2.5, "Sales", 2.5),
                    ("Sam Skip", 1, 4.0, "Platform", 3.5)]
    assert managers["next"] is None
    second = manager_averages(scope, per_page=2, page=2)
    assert [r["manager"]["full_name"] for r in second["rows"]] == ["Sam Skip"] and second["previous"] == 1


def test_rater_flags_are_the_hand_computed_ones(org, cycle, constructed):
    scope = calibration_scope(org.hr_admin.user, cycle)
    flags = rater_flags(scope, cycle, reader=org.hr_admin.user)
    n = _rating_questions(cycle)
    people = [(p["name"], p["role"], p["flags"], p["ratings"], p["average"]) for p in flags["people"]]
    assert people == [
        # Prelim ratings 1 and 4 as a manager: mean 2.5 < 2.7.
        ("Otto Outsider", "manager", ["strict"], 2, 2.5),
        # Rated 2 on h.
        ("Otto Outsider", "respondent", ["strict"], n, 2.0),
        # 5 everywhere in the cycle (d too), the "can't judge" answer left out: lenient.
        ("Pia Peer", "respondent", ["lenient"], 3 * n - 1, 5.0),
    ]
    assert flags["total"] == 3
    # Mia Manager (prelim 5, 4, 3: mean 4) and Sam Skip (one 4) are not flagged.
    warnings = {pk: [(w["group"], w["responses"]) for w in found if w["kind"] == "thin"]
                for pk, found in group_warnings(scope, cycle).items()}
    assert warnings[constructed["a"].pk] == [("peer", 1)]
    assert warnings[constructed["h"].pk] == [("customer", 1), ("peer", 1)]
    assert not warnings.get(constructed["b"].pk)


def test_the_calibration_page_shows_those_figures(org, cycle, constructed, web):
    page = web(org.hr_admin).get(reverse("reviews:calibration", args=[cycle.pk])).content.decode()
    assert "6 reviews" in page
    for name in ("Person A", "Person F", "Person H", "Mia Manager", "Pia Peer"):
        assert name in page
    assert "Person D" not in page and "Person G" not in page
    assert "3.17" in page  # the overall average: (5 + 2 + 3 + 1 + 4 + 4) / 6
    filtered = web(org.hr_admin).get(reverse("reviews:calibration", args=[cycle.pk]) +
                                     f"?unit={org.sales.pk}").content.decode()
    assert "2 reviews" in filtered and "Person A" not in filtered and "Person F" in filtered
    assert web(org.hr_admin).get(reverse("reviews:calibration", args=[cycle.pk]) +
                                 "?page=abc&managers=-1&raters=99999999999999999999").status_code == 200


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(org, cycle, n):
    for i in range(n):
        person = PersonFactory(unit=org.platform, manager=org.manager, title="Engineer" if i % 2 else "Senior")
        other = Review.objects.create(cycle=cycle, person=person, manager=org.manager, unit=org.platform,
                                      state=S.MANAGER_SUBMITTED, preliminary_rating=1 + i % 5, potential=1 + i % 3)
        FeedbackRequest.objects.create(review=other, respondent=org.peer, cycle=cycle, group="peer",
                                       state="submitted", answers=_answers(cycle, 1 + i % 5, "Short"))


def test_the_calibration_page_with_a_session_runs_the_same_queries_at_two_sizes(org, cycle, constructed, web):
    session = calibration_session_create(cycle=cycle, by=org.hr_admin.user, name="Engineering",
                                         units=[org.engineering], participants=[org.skip])
    base = reverse("reviews:calibration", args=[cycle.pk])
    urls = {"admin": (web(org.hr_admin), base), "admin, session": (web(org.hr_admin), f"{base}?session={session.pk}"),
            "partner": (web(org.hr_partner), base), "participant": (web(org.skip), f"{base}?session={session.pk}")}
    _grow(org, cycle, 3)
    small = {k: _count(client, url) for k, (client, url) in urls.items()}
    _grow(org, cycle, 60)  # more than two pages of reviews
    large = {k: _count(client, url) for k, (client, url) in urls.items()}
    assert small == large, (small, large)
    assert max(large.values()) <= 20, large
