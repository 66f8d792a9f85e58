"""Rater-quality flags for calibrators: lenient, strict and careless raters among the people rating the
reviews in scope, and thin feedback groups carrying a full weight.

Shown to calibrators only: they are judgements about people, not part of any review. Each rater is judged
on all their answers in the cycle, unnested and aggregated by the database in one query. Unless the cycle's
feedback is named, a respondent's figures are shown without their name to every calibrator but HR admin (a
named average would undo the anonymity the respondents were promised, to calibrators outside the line too).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from statistics import mean
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from common.paging import page_number
from cycles.models import ReviewCycle
from people.roles import roles_of

from ..models import FeedbackRequest, Review
from .calibration import CALIBRATION_STATES, PAGE_SIZE

RATER_FLAG_DEFAULTS = {
    "lenient_mean": 4.1,  # lenient: mean above this and no rating at or below lenient_floor
    "lenient_floor": 2,
    "strict_mean": 2.7,  # strict: mean below this
    "careless_min_ratings": 5,  # careless: no variance across at least this many ratings …
    "careless_comment_chars": 20,  # … or comments shorter than this on average
    "small_group_max": 2,  # a group with 1..this many answers carrying a full weight is a warning
}

def thresholds(cycle: ReviewCycle) -> dict[str, float]:
    """The cycle's rater thresholds over the defaults; a malformed override falls back to the default."""
    result = dict(RATER_FLAG_DEFAULTS)
    for key, value in (cycle.rater_flags or {}).items():
        if key in result and isinstance(value, int | float) and not isinstance(value, bool):
            result[key] = value
    return result


def _flags_of(stats: dict[str, Any], limits: dict[str, float]) -> list[str]:
    """The flags of one rater from their figures: ratings (count, mean, min, max) and comments (count and
    mean length). The same rules are the HAVING clause of ``rater_flags``."""
    flags = []
    if stats["ratings"]:
        if stats["mean"] > limits["lenient_mean"] and stats["min"] > limits["lenient_floor"]:
            flags.append("lenient")
        if stats["mean"] < limits["strict_mean"]:
            flags.append("strict")
    careless = bool(stats["ratings"]) and stats["ratings"] >= limits["careless_min_ratings"] and (
        stats["min"] == stats["max"])
    if stats["comments"] and stats["comment_chars"] < limits["careless_comment_chars"]:
        careless = True
    if careless:
        flags.append("careless")
    return flags


def _flags(ratings: list[int], comments: list[str], limits: dict[str, float]) -> list[str]:
    return _flags_of({
        "ratings": len(ratings), "mean": mean(ratings) if ratings else None, "min": min(ratings, default=None),
        "max": max(ratings, default=None), "comments": len(comments),
        "comment_chars": mean(len(c) for c in comments) if comments else None,
    }, limits)


class _Json:
    """The few JSON expressions the rater query needs, per database: the elements of a JSON array column,
    and an element's integer ``rating``, its ``question`` and its trimmed ``text``."""

    def __init__(self, vendor: str):
        self.postgres = vendor == "postgresql"

    def elements(self, column: str) -> str:
        if self.postgres:
            return (f"jsonb_array_elements(CASE WHEN jsonb_typeof({column}) = 'array' THEN {column} "
                    f"ELSE '[]'::jsonb END) AS e(value)")
        return f"json_each(CASE WHEN json_type({column}) = 'array' THEN {column} ELSE '[]' END) AS e"

    def rating(self) -> str:
        if self.postgres:
            return ("CASE WHEN jsonb_typeof(e.value -> 'rating') = 'number' AND (e.value ->> 'rating') ~ '^-?[0-9]+$' "
                    "THEN (e.value ->> 'rating')::int END")
        return "CASE WHEN e.type = 'object' AND json_type(e.value, '$.rating') = 'integer' " \
               "THEN json_extract(e.value, '$.rating') END"

    def key(self) -> str:  # 'question:rating' of an answer, to leave "can't judge" answers out
        if self.postgres:
            return "((e.value ->> 'question') || ':' || (e.value ->> 'rating'))"
        return ("CASE WHEN e.type = 'object' THEN json_extract(e.value, '$.question') || ':' || "
                "json_extract(e.value, '$.rating') END")

    def text(self) -> str:
        if self.postgres:
            return ("CASE WHEN jsonb_typeof(e.value -> 'text') = 'string' THEN "
                    "btrim(e.value ->> 'text', E' \\t\\n\\r') ELSE '' END")
        return "CASE WHEN e.type = 'object' AND json_type(e.value, '$.text') = 'text' THEN " \
               "trim(json_extract(e.value, '$.text'), ' ' || char(9) || char(10) || char(13)) ELSE '' END"

    def length(self, expr: str) -> str:
        return f"char_length({expr})" if self.postgres else f"length({expr})"


def respondents_named_for(reader, cycle: ReviewCycle) -> bool:
    """Whether ``reader`` sees the names of flagged respondents: in named cycles, and HR admin always."""
    return cycle.anonymity == ReviewCycle.Anonymity.NAMED or (reader is not None and roles_of(reader).hr_admin)


def rater_flags(reviews: QuerySet[Review] | Sequence[Review], cycle: ReviewCycle, *, reader=None, page: Any = 1,
                per_page: int = PAGE_SIZE, warnings: bool = True) -> dict[str, Any]:
    """Flags per respondent (over all their submitted answers in the cycle) and per manager (their
    preliminary ratings and manager-review answers in the cycle), for the people rating the reviews in
    scope: one query that unnests the answers, aggregates per rater and keeps the flagged ones (a page of
    them, by name); with ``warnings``, the thin groups of every given review (``group_warnings``). Respondents
    the ``reader`` may not name (``respondents_named_for``) come after the named rows, ordered by their figures,
    with no name and no id."""
    if not isinstance(reviews, QuerySet):
        reviews = Review.objects.filter(pk__in=[r.pk for r in reviews])
    limits = thresholds(cycle)
    named = respondents_named_for(reader, cycle)
    number = page_number(page)
    json = _Json(connection.vendor)
    ids_sql, ids_params = reviews.order_by().values("pk").query.sql_with_params()
    managers_sql, managers_params = reviews.order_by().values("manager_id").query.sql_with_params()
    # An answer at a "can't judge" level of its question's scale carries no rating. The pairs are one
    # uncorrelated subquery (hashed once): a correlated one per answer would also make PostgreSQL's estimate
    # big enough to compile the query (JIT), which costs more than running it.
    cant_judge = f"""WHEN {json.key()} IN (SELECT CAST(q.id AS TEXT) || ':' || CAST(lv.value AS TEXT)
                   FROM cycles_question q JOIN cycles_scalelevel lv ON lv.scale_id = q.scale_id
                   WHERE q.template_id = %s AND lv.is_cant_judge) THEN NULL"""  # noqa: S608
    submitted, states = FeedbackRequest.State.SUBMITTED, [str(s) for s in CALIBRATION_STATES]
    in_states = ", ".join(["%s"] * len(states))
    text = json.text()
    # Only our own SQL fragments are formatted in; every value is a parameter.
    sql = f"""
        WITH answers AS (
            SELECT fr.respondent_id AS person_id, 'respondent' AS role,
                   CASE {cant_judge} ELSE {json.rating()} END AS rating, {text} AS txt
            FROM reviews_feedbackrequest fr, {json.elements("fr.answers")}
            WHERE fr.cycle_id = %s AND fr.state = %s AND fr.respondent_id IN (
                SELECT s.respondent_id FROM reviews_feedbackrequest s
                WHERE s.cycle_id = %s AND s.state = %s AND s.review_id IN ({ids_sql}))
            UNION ALL
            SELECT rv.manager_id, 'manager', rv.preliminary_rating, ''
            FROM reviews_review rv
            WHERE rv.cycle_id = %s AND rv.state IN ({in_states}) AND rv.manager_id IN ({managers_sql})
            UNION ALL
            SELECT rv.manager_id, 'manager', NULL, {text}
            FROM reviews_review rv, {json.elements("rv.manager_answers")}
            WHERE rv.cycle_id = %s AND rv.state IN ({in_states}) AND rv.manager_id IN ({managers_sql})
        ), figures AS (
            SELECT person_id, role, COUNT(rating) AS ratings, AVG(rating * 1.0) AS average, MIN(rating) AS low,
                   MAX(rating) AS high, SUM(CASE WHEN txt <> '' THEN 1 ELSE 0 END) AS comments,
                   AVG(CASE WHEN txt <> '' THEN {json.length("txt")} * 1.0 END) AS comment_chars
            FROM answers GROUP BY person_id, role
            HAVING (COUNT(rating) > 0 AND AVG(rating * 1.0) > %s AND MIN(rating) > %s)
                OR (COUNT(rating) > 0 AND AVG(rating * 1.0) < %s)
                OR (COUNT(rating) > 0 AND COUNT(rating) >= %s AND MIN(rating) = MAX(rating))
                OR AVG(CASE WHEN txt <> '' THEN {json.length("txt")} * 1.0 END) < %s
        )
        SELECT f.person_id, p.full_name, f.role, f.ratings, f.average, f.low, f.high, f.comments, f.comment_chars,
               COUNT(*) OVER ()
        FROM figures f JOIN people_person p ON p.id = f.person_id
        ORDER BY CASE WHEN %s AND f.role = 'respondent' THEN 1 ELSE 0 END,
                 CASE WHEN %s AND f.role = 'respondent' THEN '' ELSE p.full_name END,
                 f.role, f.average, f.ratings, f.comments, f.comment_chars, f.person_id
        LIMIT %s OFFSET %s
    """  # noqa: S608
    params = [cycle.template_id, cycle.pk, submitted, cycle.pk, submitted, *ids_params,
              cycle.pk, *states, *managers_params, cycle.pk, *states, *managers_params,
              limits["lenient_mean"], limits["lenient_floor"], limits["strict_mean"], limits["careless_min_ratings"],
              limits["careless_comment_chars"], not named, not named, per_page, (number - 1) * per_page]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    people, total = [], rows[0][-1] if rows else 0
    for person_id, name, role, ratings, average, low, high, comments, chars, _total in rows:
        stats = {"ratings": ratings, "mean": float(average) if average is not None else None, "min": low,
                 "max": high, "comments": comments or 0, "comment_chars": float(chars) if chars is not None else None}
        hidden = role == "respondent" and not named
        people.append({"id": None if hidden else person_id, "name": None if hidden else name, "role": role,
                       "flags": _flags_of(stats, limits), "ratings": ratings,
                       "average": round(stats["mean"], 2) if ratings else None})
    return {"people": people, "total": total, "page": number, "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number * per_page < total else None, "thresholds": limits,
            "warnings": group_warnings(reviews, cycle, limits=limits) if warnings else {}}


def group_warnings(reviews: QuerySet[Review], cycle: ReviewCycle, *, limits: dict[str, float] | None = None,
                   ) -> dict[int, list[dict[str, Any]]]:
    """Per review, the groups with 1..small_group_max submitted answers that carry a full weight (``thin``) and,
    in an anonymous cycle, the groups whose nominated respondents (asked or answered) are fewer than the
    threshold, so the group is withheld whatever they answer (``unreachable``): one GROUP BY over the given
    reviews (pass one page of them)."""
    limits = limits or thresholds(cycle)
    anonymous = cycle.anonymity == ReviewCycle.Anonymity.ANONYMOUS
    warnings: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = FeedbackRequest.objects.filter(review_id__in=reviews.order_by().values("pk"),
                                          state__in=FeedbackRequest.LIVE_STATES).values(
        "review_id", "group").annotate(n=Count("pk", filter=Q(state=FeedbackRequest.State.SUBMITTED)),
                                       live=Count("pk")).order_by("review_id", "group")
    for row in rows:
        if 1 <= row["n"] <= limits["small_group_max"] and cycle.weight(row["group"]) >= 1:
            warnings[row["review_id"]].append({"kind": "thin", "group": row["group"], "responses": row["n"]})
        if anonymous and row["live"] < cycle.anonymity_threshold:
            warnings[row["review_id"]].append({"kind": "unreachable", "group": row["group"],
                                               "nominated": row["live"], "threshold": cycle.anonymity_threshold})
    return dict(warnings)
