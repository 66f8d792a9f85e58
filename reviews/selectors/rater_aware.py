"""Rater-aware figures for calibrators, beside each person's rating: the rating centred on each rater's own
mean, the number of independent raters, the reliability those raters give by Spearman–Brown, and a flag when
fewer than three raters besides the manager back it.

Who rates a person: the review's manager (their preliminary rating, on the final scale) and each respondent
who submitted at least one rating (the mean of their rating answers on that request, "can't judge" left out);
the manager counts once even if also asked as a respondent. A respondent's answers are on their questions'
scales, so each answer is first placed on the final scale linearly (lowest level to lowest, highest to
highest: on the ready scales 1–5 → 1–6, x ↦ 1 + (x − 1) · 5/4). A rater is a person in one role (manager or
respondent: two instruments, two means). Ratings are those of the cycle's reviews in calibration or later.

- **Centred rating**: for each rating the person received, subtract that rater's mean over all their ratings in
  the cycle and add the cycle's grand mean (the mean of all its ratings); then average per person. A lenient
  rater's 5 counts for less, a strict rater's 3 for more; a rater who rated only this person tells nothing of
  their leniency, so their rating centres on the grand mean.
- **Raters**: respondents who submitted ratings, plus the manager when they gave a preliminary rating.
- **Reliability**: the cycle's single-rater reliability r is ICC(1) from a one-way ANOVA over the reviews with
  two or more raters, ICC(1) = (MSB − MSW) / (MSB + (k₀ − 1) · MSW), k₀ = (N − Σnᵢ² / N) / (a − 1) for a reviews
  and N ratings (unequal group sizes); a person's k raters then give r_k = k · r / (1 + (k − 1) · r) by
  Spearman–Brown (a negative r, raters agreeing less than chance, counts as 0). Fewer than two such reviews, or no
  spread to compare, give None: not enough ratings.
- **Few raters**: fewer than ``MIN_OTHER_RATERS`` raters besides the manager.

All in one query whatever the size of the cycle: the database unnests the cycle's answers, aggregates per rater,
per review and for the ANOVA, and returns one row per given review (pass a page of them). Every figure is a
per-person aggregate and no respondent is named. In a cycle that is not named, a reader who may not name
respondents (``respondents_named_for``) gets no centred rating for a person whose respondents who rated are
fewer than the anonymity threshold: with the manager's rating beside it, it would tell what one or two
respondents thought.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from cycles.models import ReviewCycle

from ..models import FeedbackRequest, Review
from .calibration import CALIBRATION_STATES
from .rater_quality import _Json, respondents_named_for

MIN_OTHER_RATERS = 3  # a rating backed by fewer raters besides the manager is flagged
MIN_ICC_REVIEWS = 2  # reviews with two or more raters the ICC needs at the least


def spearman_brown(r: float | None, k: int) -> float | None:
    """The reliability of the mean of ``k`` raters from the single-rater reliability ``r`` (negative as 0)."""
    if r is None or k < 1:
        return None
    r = max(r, 0.0)
    return k * r / (1 + (k - 1) * r)


def icc1(groups: int, ratings: int, sum_n2: float, between: float, squares: float, total: float) -> float | None:
    """ICC(1) of a one-way ANOVA from the sums over groups (reviews) of their sizes nᵢ: ``groups`` (a), ``ratings``
    (N = Σnᵢ), ``sum_n2`` (Σnᵢ²), ``between`` (Σ sᵢ² / nᵢ, sᵢ a group's sum), ``squares`` (Σx²) and ``total`` (Σx).
    None when there is too little to compare."""
    if groups < MIN_ICC_REVIEWS or ratings - groups < 1:
        return None
    ss_within = max(squares - between, 0.0)
    ss_between = max(between - total * total / ratings, 0.0)
    ms_between, ms_within = ss_between / (groups - 1), ss_within / (ratings - groups)
    k0 = (ratings - sum_n2 / ratings) / (groups - 1)
    denominator = ms_between + (k0 - 1) * ms_within
    if denominator <= 1e-12:
        return None
    return (ms_between - ms_within) / denominator


def _question(json: _Json) -> str:
    """The question id of an answer, as text."""
    if json.postgres:
        return "(e.value ->> 'question')"
    return "CASE WHEN e.type = 'object' THEN CAST(json_extract(e.value, '$.question') AS TEXT) END"


def rater_aware(reviews: QuerySet[Review] | Sequence[Review], cycle: ReviewCycle, *, reader=None) -> dict[str, Any]:
    """The cycle's figures (``grand_mean``, ``icc``, ``icc_reviews``, ``ratings``) and, per given review (pass one
    page), ``{raters, respondents, raw, centred, reliability, few_raters, withheld}``: one query."""
    if not isinstance(reviews, QuerySet):
        reviews = Review.objects.filter(pk__in=[r.pk for r in reviews] or [0])
    json = _Json(connection.vendor)
    ids_sql, ids_params = reviews.order_by().values("pk").query.sql_with_params()
    states = [str(s) for s in CALIBRATION_STATES]
    in_states = ", ".join(["%s"] * len(states))
    # PostgreSQL would inline both into one join and unnest the answers once per scale (twice the time at 2,000
    # people): materialized, the answers are unnested once and hashed against the few levels.
    once = "MATERIALIZED" if json.postgres else ""
    # Only our own SQL fragments are formatted in; every value is a parameter. ``levels``: each rating level of
    # the template's questions with its scale's range, "can't judge" left out, so joining an answer to it keeps
    # only real ratings and places them on the final scale.
    sql = f"""
        WITH final_range AS (
            SELECT MIN(value) AS lo, MAX(value) AS hi FROM cycles_scalelevel
            WHERE scale_id = %s AND NOT is_cant_judge
        ), levels AS {once} (
            SELECT CAST(q.id AS TEXT) AS question, lv.value, sr.lo, sr.hi
            FROM cycles_question q
            JOIN cycles_scalelevel lv ON lv.scale_id = q.scale_id AND NOT lv.is_cant_judge
            JOIN (SELECT scale_id, MIN(value) AS lo, MAX(value) AS hi FROM cycles_scalelevel
                  WHERE NOT is_cant_judge GROUP BY scale_id) sr ON sr.scale_id = q.scale_id
            WHERE q.template_id = %s AND sr.hi > sr.lo
        ), rated AS (
            SELECT id, manager_id, preliminary_rating FROM reviews_review
            WHERE cycle_id = %s AND state IN ({in_states})
        ), answers AS {once} (
            SELECT fr.review_id, fr.respondent_id AS rater_id, {json.rating()} AS rating, {_question(json)} AS question
            FROM reviews_feedbackrequest fr JOIN rated rv ON rv.id = fr.review_id, {json.elements("fr.answers")}
            WHERE fr.cycle_id = %s AND fr.state = %s
              AND (rv.manager_id IS NULL OR fr.respondent_id <> rv.manager_id)
        ), ratings AS (
            SELECT a.review_id, a.rater_id, 'respondent' AS role,
                   AVG(f.lo + (a.rating - lv.lo) * (f.hi - f.lo) * 1.0 / (lv.hi - lv.lo)) AS score
            FROM answers a JOIN levels lv ON lv.question = a.question AND lv.value = a.rating
                 CROSS JOIN final_range f
            GROUP BY a.review_id, a.rater_id
            UNION ALL
            SELECT id, manager_id, 'manager', preliminary_rating * 1.0 FROM rated
            WHERE manager_id IS NOT NULL AND preliminary_rating IS NOT NULL
        ), rater_means AS (
            SELECT rater_id, role, AVG(score) AS mean FROM ratings GROUP BY rater_id, role
        ), grand AS (
            SELECT AVG(score) AS mean, COUNT(*) AS n FROM ratings
        ), groups AS (
            SELECT COUNT(*) AS n, SUM(score) AS s, SUM(score * score) AS ss FROM ratings
            GROUP BY review_id HAVING COUNT(*) >= 2
        ), anova AS (
            SELECT COUNT(*) AS a, SUM(n) AS big_n, SUM(n * n) AS n2, SUM(s * s / n) AS between_sq,
                   SUM(ss) AS squares, SUM(s) AS total FROM groups
        ), per_review AS (
            SELECT r.review_id, COUNT(*) AS raters,
                   SUM(CASE WHEN r.role = 'respondent' THEN 1 ELSE 0 END) AS respondents,
                   AVG(r.score) AS raw, AVG(r.score - m.mean) AS shift
            FROM ratings r JOIN rater_means m ON m.rater_id = r.rater_id AND m.role = r.role
            WHERE r.review_id IN ({ids_sql})
            GROUP BY r.review_id
        )
        SELECT g.mean, g.n, an.a, an.big_n, an.n2, an.between_sq, an.squares, an.total,
               p.review_id, p.raters, p.respondents, p.raw, p.shift
        FROM grand g CROSS JOIN anova an LEFT JOIN per_review p ON 1 = 1
    """  # noqa: S608
    params = [cycle.final_scale_id, cycle.template_id, cycle.pk, *states, cycle.pk,
              FeedbackRequest.State.SUBMITTED.value, *ids_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    grand, n, groups, big_n, n2, between, squares, total = rows[0][:8] if rows else (None, 0, 0, 0, 0, 0, 0, 0)
    r = icc1(int(groups or 0), int(big_n or 0), float(n2 or 0), float(between or 0), float(squares or 0),
             float(total or 0))
    grand = float(grand) if grand is not None else None
    hide_few = not respondents_named_for(reader, cycle)
    people: dict[int, dict[str, Any]] = {}
    for *_cycle, review_id, raters, respondents, raw, shift in rows:
        if review_id is None:
            continue
        raters, respondents = int(raters), int(respondents)  # PostgreSQL sums as numeric
        withheld = hide_few and 0 < respondents < cycle.anonymity_threshold
        centred = None if withheld or shift is None or grand is None else float(shift) + grand
        reliability = spearman_brown(r, raters)
        people[review_id] = {
            "raters": raters, "respondents": respondents,
            "raw": None if withheld else round(float(raw), 2),
            "centred": None if centred is None else round(centred, 2),
            "reliability": None if reliability is None else round(reliability, 2),
            "few_raters": respondents < MIN_OTHER_RATERS, "withheld": withheld,
        }
    return {"grand_mean": None if grand is None else round(grand, 2), "ratings": int(n or 0),
            "icc": None if r is None else round(r, 3), "icc_reviews": int(groups or 0),
            "min_other_raters": MIN_OTHER_RATERS, "people": people}


def of_review(figures: dict[str, Any], review_id: int) -> dict[str, Any]:
    """One review's figures; a review nobody rated has no raters (and so few of them)."""
    return figures["people"].get(review_id) or {
        "raters": 0, "respondents": 0, "raw": None, "centred": None, "reliability": None,
        "few_raters": True, "withheld": False}
