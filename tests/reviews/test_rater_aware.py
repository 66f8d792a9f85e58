"""Rater-aware calibration: ratings centred on each rater's mean, the number of raters, ICC(1) and
Spearman–Brown, against figures worked out by hand on a constructed cycle; the flag under three raters; for
calibrators only (page and API); the same queries at two sizes."""

import pytest
from django.urls import reverse

from cycles.models import Question, ScaleLevel
from reviews.models import FeedbackRequest, Review
from reviews.selectors.calibration import calibration_scope
from reviews.selectors.rater_aware import icc1, rater_aware, spearman_brown
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
S = Review.State

API = "/api/cycles/{}/calibration/"


def _answers(cycle, rating):
    """The respondent's answer to the overall rating question (respondent scale 1–5, 0 "can't judge")."""
    question = Question.objects.get(template=cycle.template, author="respondent", kind="rating")
    return [{"question": question.pk, "rating": rating, "text": ""}]


@pytest.fixture
def constructed(org, cycle):
    """Four reviews in calibration and one still drafting goals. Respondent answers on 1–5 land on the final
    scale 1–6 as x ↦ 1 + (x − 1) · 5/4: 1 → 1, 3 → 3.5, 5 → 6.

    | review | manager (prelim) | peer P  | outsider O | ceo Q   | employee E     |
    | A      | Mia 5            | 5 → 6   | 5 → 6      | 3 → 3.5 |                |
    | B      | Mia 3            | 3 → 3.5 |            |         | can't judge    |
    | C      | Mia 4            |         | 3 → 3.5    |         |                |
    | D      | Sam 2            | 1 → 1   |            |         |                |
    | X      | Mia (goals_draft)| 5       |            |         |                |
    """
    def review(name, manager, state, prelim):
        person = PersonFactory(full_name=f"Person {name}", unit=org.platform, manager=manager)
        return Review.objects.create(cycle=cycle, person=person, manager=manager, unit=org.platform, state=state,
                                     preliminary_rating=prelim)

    r = {"A": review("A", org.manager, S.MANAGER_SUBMITTED, 5), "B": review("B", org.manager, S.MANAGER_SUBMITTED, 3),
         "C": review("C", org.manager, S.CALIBRATED, 4), "D": review("D", org.skip, S.MANAGER_SUBMITTED, 2),
         "X": review("X", org.manager, S.GOALS_DRAFT, None)}
    cant_judge = ScaleLevel.objects.get(scale__code="respondent", is_cant_judge=True).value
    for key, respondent, rating in [("A", org.peer, 5), ("A", org.outsider, 5), ("A", org.ceo, 3), ("B", org.peer, 3),
                                    ("B", org.employee, cant_judge), ("C", org.outsider, 3), ("D", org.peer, 1),
                                    ("X", org.peer, 5)]:
        FeedbackRequest.objects.create(review=r[key], respondent=respondent, cycle=cycle, group="peer",
                                       state="submitted", answers=_answers(cycle, rating))
    FeedbackRequest.objects.create(review=r["C"], respondent=org.ceo, cycle=cycle, group="peer", state="approved")
    return r


# Ten ratings, sum 37.5: grand mean 3.75. Rater means: Mia (5 + 3 + 4) / 3 = 4, Sam 2, P (6 + 3.5 + 1) / 3 = 3.5,
# O (6 + 3.5) / 2 = 4.75, Q 3.5 (X, not in calibration, and E's "can't judge" count nowhere).
# Centred = mean of (rating − rater's mean) + 3.75:
#   A: (1 + 2.5 + 1.25 + 0) / 4 = 1.1875 → 4.94 (raw 20.5 / 4 = 5.125); B: (−1 + 0) / 2 → 3.25 (raw 3.25);
#   C: (0 − 1.25) / 2 → 3.125 (raw 3.75);                               D: (0 − 2.5) / 2 → 2.5 (raw 1.5).
# ICC(1) over a = 4 reviews, N = 10, Σn² = 28: Σs²/n = 158.8125, Σx² = 163.75, (Σx)²/N = 140.625;
#   MSB = 18.1875 / 3 = 6.0625, MSW = 4.9375 / 6 = 0.82292, k₀ = (10 − 2.8) / 3 = 2.4,
#   ICC = (6.0625 − 0.82292) / (6.0625 + 1.4 · 0.82292) = 0.726.
# Spearman–Brown: four raters 4r / (1 + 3r) = 0.914; two 2r / (1 + r) = 0.841.
ICC = 0.726249


def test_the_figures_are_the_hand_computed_ones(org, cycle, constructed):
    r = constructed
    figures = rater_aware(calibration_scope(org.hr_admin.user, cycle), cycle, reader=org.hr_admin.user)
    assert (figures["grand_mean"], figures["ratings"], figures["icc_reviews"]) == (3.75, 10, 4)
    assert figures["icc"] == pytest.approx(ICC, abs=5e-4)
    people = {key: figures["people"][r[key].pk] for key in "ABCD"}
    assert {k: p["centred"] for k, p in people.items()} == {"A": 4.94, "B": 3.25, "C": pytest.approx(3.12, abs=0.006),
                                                            "D": 2.5}
    assert {k: p["raw"] for k, p in people.items()} == {"A": pytest.approx(5.12, abs=0.006), "B": 3.25, "C": 3.75,
                                                        "D": 1.5}
    assert {k: (p["raters"], p["respondents"]) for k, p in people.items()} == {
        "A": (4, 3), "B": (2, 1), "C": (2, 1), "D": (2, 1)}
    assert {k: p["reliability"] for k, p in people.items()} == {"A": 0.91, "B": 0.84, "C": 0.84, "D": 0.84}
    # The flag: fewer than three raters besides the manager.
    assert {k: p["few_raters"] for k, p in people.items()} == {"A": False, "B": True, "C": True, "D": True}
    assert r["X"].pk not in figures["people"]


def test_the_formulas_and_too_little_data():
    # Two reviews rated (1, 3) and (4, 6): MSB = 9 / 1 = 9, MSW = 4 / 2 = 2, k₀ = 2: (9 − 2) / (9 + 2) = 7/11.
    assert icc1(2, 4, 8, 2 * 4 + 2 * 25, 1 + 9 + 16 + 36, 14) == pytest.approx(7 / 11)
    assert spearman_brown(7 / 11, 3) == pytest.approx(3 * 7 / 11 / (1 + 2 * 7 / 11))
    assert spearman_brown(-0.2, 4) == 0  # raters agreeing less than chance give nothing
    assert spearman_brown(None, 4) is None
    assert icc1(1, 3, 9, 12, 14, 6) is None  # one review: nothing to compare
    assert icc1(2, 4, 8, 9, 9, 6) is None  # four ratings of 1.5: no spread at all


def test_a_cycle_with_too_few_ratings_says_so(org, cycle, web):
    person = PersonFactory(unit=org.platform, manager=org.manager)
    review = Review.objects.create(cycle=cycle, person=person, manager=org.manager, unit=org.platform,
                                   state=S.MANAGER_SUBMITTED, preliminary_rating=4)
    figures = rater_aware([review], cycle, reader=org.hr_admin.user)
    assert figures["icc"] is None and figures["people"][review.pk]["reliability"] is None
    page = web(org.hr_admin).get(reverse("reviews:calibration", args=[cycle.pk])).content.decode()
    assert "Agreement between raters in this cycle: not enough ratings." in page
    assert "reliability: not enough ratings" in page


def test_an_anonymous_cycle_withholds_a_centred_rating_of_too_few_respondents(org, cycle, constructed):
    # The HR partner may not name respondents: B, C and D have one respondent, under the threshold of two.
    figures = rater_aware(calibration_scope(org.hr_partner.user, cycle), cycle, reader=org.hr_partner.user)
    people = {key: figures["people"][constructed[key].pk] for key in "ABCD"}
    assert people["A"]["centred"] == 4.94 and not people["A"]["withheld"]
    for key in "BCD":
        assert people[key]["withheld"] and people[key]["centred"] is None and people[key]["raw"] is None
        assert people[key]["raters"] == 2 and people[key]["few_raters"]


def test_the_page_shows_them_to_calibrators(org, cycle, constructed, web):
    page = web(org.hr_admin).get(reverse("reviews:calibration", args=[cycle.pk])).content.decode()
    assert "Centred on raters" in page and "4.94" in page and "0.726" in page
    assert "4 raters · reliability 0.91" in page
    assert page.count('class="badge flag-few"') == 3 and "1 rater besides the manager" in page
    partner = web(org.hr_partner).get(reverse("reviews:calibration", args=[cycle.pk])).content.decode()
    assert partner.count("withheld (anonymity)") == 3


def test_the_api_gives_them_to_calibrators_only(org, cycle, constructed, api):
    body = api(org.hr_admin).get(API.format(cycle.pk)).json()
    assert body["count"] == 4 and body["cycle"]["icc"] == pytest.approx(ICC, abs=5e-4)
    rows = {row["person_name"]: row for row in body["results"]}
    assert (rows["Person A"]["centred_rating"], rows["Person A"]["raters"], rows["Person A"]["reliability"],
            rows["Person A"]["few_raters"]) == (4.94, 4, 0.91, False)
    assert rows["Person D"]["few_raters"] and rows["Person D"]["final_rating"] == 2
    assert "respondent" not in str(body).replace("respondents", "")  # counts only, no respondent named
    for outsider in (org.manager, org.employee, org.peer):
        assert api(outsider).get(API.format(cycle.pk)).status_code == 404
    assert api(org.hr_admin).get(API.format(cycle.pk) + "?session=99999").status_code == 404


def test_the_page_is_404_to_a_non_calibrator(org, cycle, constructed, web):
    for outsider in (org.manager, org.employee, org.peer):
        assert web(outsider).get(reverse("reviews:calibration", args=[cycle.pk])).status_code == 404


def _grow(org, cycle, n):
    """``n`` more reviews, each rated by its manager and three respondents."""
    raters = [org.peer, org.outsider, org.ceo]
    for i in range(n):
        person = PersonFactory(unit=org.platform, manager=org.manager)
        other = Review.objects.create(cycle=cycle, person=person, manager=org.manager, unit=org.platform,
                                      state=S.MANAGER_SUBMITTED, preliminary_rating=1 + i % 6)
        for j, respondent in enumerate(raters):
            FeedbackRequest.objects.create(review=other, respondent=respondent, cycle=cycle, group="peer",
                                           state="submitted", answers=_answers(cycle, 1 + (i + j) % 5))


PAGE_QUERIES, API_QUERIES = 19, 5


def test_the_same_queries_at_two_sizes(org, cycle, constructed, web, api, django_assert_max_num_queries):
    page, endpoint = reverse("reviews:calibration", args=[cycle.pk]), API.format(cycle.pk)
    counts = []
    for more in (3, 60):  # then more than two pages of reviews
        _grow(org, cycle, more)
        client, api_client = web(org.hr_admin), api(org.hr_partner)
        client.get(page), api_client.get(endpoint)  # caches warmed (content types, the session's user)
        with django_assert_max_num_queries(PAGE_QUERIES) as on_page:
            assert client.get(page).status_code == 200
        with django_assert_max_num_queries(API_QUERIES) as on_api:
            assert api_client.get(endpoint).status_code == 200
        counts.append((len(on_page), len(on_api)))
    assert counts[0] == counts[1], counts
