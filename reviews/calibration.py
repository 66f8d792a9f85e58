"""Reads for calibration: which reviews a caller calibrates, the rating distribution against the cycle's
guideline, the 9-box, per-manager averages, rater-quality flags and the evidence trail of one review.

Every figure is an aggregate computed by the database (GROUP BY, conditional and windowed counts, the
submitted answers unnested in SQL), and every list is one page, so the page costs the same queries and
about the same time at any organisation size. Rater flags are shown to calibrators only: they are
judgements about people, not part of any review.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from statistics import mean
from typing import Any

from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.db.models.lookups import StartsWith
from django.http import Http404

from cycles.models import ReviewCycle, ScaleLevel
from okrs import charts
from okrs.models import Objective
from okrs.selectors import check_in_history
from people.models import Unit
from people.roles import roles_of

from .models import CalibrationChange, CalibrationSession, FeedbackRequest, Review
from .rules import calibration_lineages

RATER_FLAG_DEFAULTS = {
    "lenient_mean": 4.1,  # lenient: mean above this and no rating at or below lenient_floor
    "lenient_floor": 2,
    "strict_mean": 2.7,  # strict: mean below this
    "careless_min_ratings": 5,  # careless: no variance across at least this many ratings …
    "careless_comment_chars": 20,  # … or comments shorter than this on average
    "small_group_max": 2,  # a group with 1..this many answers carrying a full weight is a warning
}
CALIBRATION_STATES = (Review.State.MANAGER_SUBMITTED, Review.State.CALIBRATED, *Review.RELEASED_STATES)


def thresholds(cycle: ReviewCycle) -> dict[str, float]:
    """The cycle's rater thresholds over the defaults; a malformed override falls back to the default."""
    result = dict(RATER_FLAG_DEFAULTS)
    for key, value in (cycle.rater_flags or {}).items():
        if key in result and isinstance(value, int | float) and not isinstance(value, bool):
            result[key] = value
    return result


def _lineage_q(lineages: Iterable[str], prefix: str = "person__unit__lineage") -> Q:
    q = Q(pk__in=[])
    for lineage in lineages:
        q |= Q(**{f"{prefix}__startswith": lineage})
    return q


def sessions_visible_to(user, cycle: ReviewCycle) -> list[CalibrationSession]:
    """HR admin: every session of the cycle; an HR partner: sessions all of whose units are within their
    units; a manager: the sessions they take part in. One query."""
    roles = roles_of(user)
    sessions = CalibrationSession.objects.filter(cycle=cycle)
    if not roles.hr_admin:
        units = CalibrationSession.units.through.objects.filter(calibrationsession_id=OuterRef("pk"))
        visible = Q(pk__in=[])
        if roles.partner_lineages:
            visible |= Q(Exists(units)) & ~Q(Exists(units.exclude(_lineage_q(roles.partner_lineages,
                                                                            prefix="unit__lineage"))))
        if roles.person is not None:
            visible |= Q(Exists(CalibrationSession.participants.through.objects.filter(
                calibrationsession_id=OuterRef("pk"), person_id=roles.person.pk)))
        sessions = sessions.filter(visible)
    return list(sessions.order_by("pk"))


def may_calibrate_in(user, cycle: ReviewCycle) -> bool:
    roles = roles_of(user)
    return roles.hr_admin or roles.hr_partner or bool(calibration_lineages(user, cycle.pk))


def calibration_scope(user, cycle: ReviewCycle, *, session: CalibrationSession | None = None) -> QuerySet[Review]:
    """Reviews of the cycle the caller may calibrate (narrowed to a session's units when given): HR admin
    all, an HR partner their units', a manager those of the sessions they take part in."""
    roles = roles_of(user)
    qs = Review.objects.filter(cycle=cycle, state__in=CALIBRATION_STATES)
    if not roles.hr_admin:
        qs = qs.filter(_lineage_q([*roles.partner_lineages, *calibration_lineages(user, cycle.pk)]))
    if session is not None:
        units = CalibrationSession.units.through.objects.filter(
            StartsWith(OuterRef("person__unit__lineage"), F("unit__lineage")), calibrationsession_id=session.pk)
        qs = qs.filter(Exists(units))
    return qs


def calibration_review(user, review_id: Any) -> Review:
    """One review the caller may calibrate, loaded for the calibrate transition (404 otherwise)."""
    try:
        review = Review.objects.select_related("cycle__final_scale", "person__unit").get(pk=int(review_id))
    except (Review.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404("No such review.") from None
    if not calibration_scope(user, review.cycle).filter(pk=review.pk).exists():
        raise Http404("No such review.")
    return review


PAGE_SIZE = 25  # reviews, managers and flagged raters shown at a time
UNIT_CHOICES = 100  # units offered by the filter: the shallowest first


def page_number(value: Any) -> int:
    try:
        return min(max(1, int(value)), 100_000)
    except (TypeError, ValueError, OverflowError):
        return 1


def final_expr() -> Coalesce:
    return Coalesce("calibrated_rating", "preliminary_rating")


def scale_levels(cycle: ReviewCycle) -> tuple[list[ScaleLevel], list[ScaleLevel]]:
    """The levels of the cycle's final and potential scales: one query."""
    rows = list(ScaleLevel.objects.filter(scale_id__in=[cycle.final_scale_id, cycle.potential_scale_id or 0]))
    return ([lv for lv in rows if lv.scale_id == cycle.final_scale_id],
            [lv for lv in rows if cycle.potential_scale_id and lv.scale_id == cycle.potential_scale_id])


def filter_choices(scope: QuerySet[Review], selected: Any) -> tuple[list[Unit], list[str]]:
    """The units the filter offers (the units of the people in scope, the shallowest first, the selected one
    always among them; a unit's filter takes in the units below it) and the titles of the people in scope:
    two queries."""
    chosen = page_number(selected) if str(selected or "").isdigit() else 0
    units = list(Unit.objects.filter(pk__in=scope.order_by().values("person__unit_id")).order_by(
        Case(When(pk=chosen, then=Value(0)), default=Value(1)), "depth", "path")[:UNIT_CHOICES])
    units.sort(key=lambda u: u.path)
    levels = list(scope.exclude(person__title="").order_by("person__title").values_list(
        "person__title", flat=True).distinct()[:UNIT_CHOICES])
    return units, levels


def narrow(scope: QuerySet[Review], *, unit: Unit | None = None, level: str = "") -> QuerySet[Review]:
    if unit is not None:
        scope = scope.filter(person__unit__lineage__startswith=unit.lineage)
    if level:
        scope = scope.filter(person__title=level)
    return scope


def load_scope(qs: QuerySet[Review], *, unit=None, level: str = "") -> list[Review]:
    return list(narrow(qs, unit=unit, level=level).select_related("person__unit", "manager__unit", "unit").order_by(
        "person__full_name", "pk"))


def rating_grid(reviews: QuerySet[Review]) -> Counter:
    """Reviews per (final rating, potential), either possibly None: one GROUP BY."""
    rows = reviews.annotate(final=final_expr()).values("final", "potential").annotate(n=Count("pk")).order_by()
    return Counter({(row["final"], row["potential"]): row["n"] for row in rows})


def histogram_of_grid(grid: Counter, cycle: ReviewCycle, *, width: int = 360,
                      levels: Sequence[ScaleLevel] | None = None) -> dict[str, Any]:
    """The distribution of final ratings (from ``rating_grid``'s counts) against the guideline."""
    counts: Counter = Counter()
    for (final, _potential), n in grid.items():
        if final is not None:
            counts[final] += n
    return histogram_of(counts, cycle, width=width, levels=levels)


def histogram_of(counts: Counter, cycle: ReviewCycle, *, width: int = 360,
                 levels: Sequence[ScaleLevel] | None = None) -> dict[str, Any]:
    levels = list(cycle.final_scale.levels.all()) if levels is None else list(levels)
    total = sum(counts.values())
    guideline = {str(k): v for k, v in (cycle.rating_guideline or {}).items()}
    rows, bar_h = [], 26
    for index, level in enumerate(levels):
        share = counts[level.value] / total if total else 0.0
        target = guideline.get(str(level.value))
        target = float(target) if isinstance(target, int | float) and not isinstance(target, bool) else None
        rows.append({
            "value": level.value, "label": level.label, "count": counts[level.value], "share": round(share * 100),
            "guideline": None if target is None else round(target * 100),
            "y": index * bar_h, "bar": round(share * width, 1), "mark": None if target is None else round(
                target * width, 1),
            "over": target is not None and share > target + 0.05,
        })
    return {"rows": rows, "total": total, "width": width, "height": len(levels) * bar_h, "bar_h": bar_h - 6}


def _band(value: int | None, values: Sequence[int]) -> int | None:
    """0 low, 1 middle, 2 high: a scale's values split in three by position (1–2, 3, 4–5 on five levels)."""
    if value is None or value not in values or len(values) < 2:
        return None
    position = values.index(value) * 2 / (len(values) - 1)
    return 0 if position < 0.7 else 1 if position < 1.34 else 2


def _band_expr(field: Any, values: Sequence[int]) -> Case:
    whens = [When(**{f"{field}__in": [v for v in values if _band(v, values) == band]}, then=Value(band))
             for band in range(3) if any(_band(v, values) == band for v in values)]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def nine_box(reviews: QuerySet[Review], cycle: ReviewCycle, *, grid: Counter | None = None,
             levels: tuple[Sequence[ScaleLevel], Sequence[ScaleLevel]] | None = None, names: int = 5,
             ) -> dict[str, Any]:
    """Rating × potential: rows from high potential down, columns from low performance up; each cell's count
    (from ``rating_grid``) and its first ``names`` people by name (one windowed query)."""
    finals, potentials = levels if levels is not None else scale_levels(cycle)
    ratings = sorted(level.value for level in finals)
    potential_values = sorted(level.value for level in potentials)
    grid = rating_grid(reviews) if grid is None else grid
    counts: Counter = Counter()
    unplaced = 0
    for (final, potential), n in grid.items():
        performance, band = _band(final, ratings), _band(potential, potential_values)
        if performance is None or band is None:
            unplaced += n
        else:
            counts[(band, performance)] += n
    firsts = (reviews.annotate(final=final_expr())
              .annotate(fband=_band_expr("final", ratings), pband=_band_expr("potential", potential_values))
              .exclude(fband=-1).exclude(pband=-1)
              .annotate(place=Window(RowNumber(), partition_by=[F("pband"), F("fband")],
                                     order_by=[F("person__full_name").asc(), F("pk").asc()]))
              .filter(place__lte=names).select_related("person").order_by("person__full_name", "pk"))
    cells: dict[tuple[int, int], list[Review]] = defaultdict(list)
    for review in firsts:
        cells[(review.pband, review.fband)].append(review)
    grid_rows = [[{"potential": p, "performance": f, "reviews": cells[(p, f)], "count": counts[(p, f)]}
                  for f in range(3)] for p in (2, 1, 0)]
    return {"grid": grid_rows, "unplaced": unplaced}


def manager_averages(reviews: QuerySet[Review], *, page: Any = 1, per_page: int = PAGE_SIZE) -> dict[str, Any]:
    """One page of managers (by name) with their average final rating, beside the average of their team's
    unit (the unit most of their rated reviews belong to) over every rated review of that unit here. One
    query: the page of managers is a subquery; the overall average comes from the histogram."""
    number = page_number(page)
    rated = reviews.annotate(final=final_expr()).filter(final__isnull=False)
    page_ids = rated.filter(manager__isnull=False).values("manager_id").annotate(n=Count("pk")).order_by(
        "manager__full_name", "manager_id").values("manager_id")[(number - 1) * per_page: number * per_page + 1]
    unit_average = rated.filter(unit_id=OuterRef("unit_id")).values("unit_id").annotate(a=Avg("final")).values("a")
    teams: dict[int, dict[str, Any]] = {}
    for row in rated.filter(manager_id__in=page_ids).values(
            "manager_id", "manager__full_name", "unit_id", "unit__name").annotate(
            n=Count("pk"), total=Sum("final"), unit_average=Subquery(unit_average)).order_by(
            "manager__full_name", "manager_id", "-n", "unit_id"):
        team = teams.setdefault(row["manager_id"], {
            "manager": {"pk": row["manager_id"], "full_name": row["manager__full_name"]}, "count": 0, "total": 0,
            "unit": {"name": row["unit__name"]} if row["unit__name"] else None,  # the unit of most of the team
            "unit_average": round(float(row["unit_average"]), 2) if row["unit_average"] is not None else None,
        })
        team["count"] += row["n"]
        team["total"] += row["total"]
    rows = list(teams.values())
    more = len(rows) > per_page
    for row in rows:
        row["average"] = round(row.pop("total") / row["count"], 2)
    return {"rows": rows[:per_page], "page": number, "previous": number - 1 if number > 1 else None,
            "next": number + 1 if more else None}


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


def rater_flags(reviews: QuerySet[Review] | Sequence[Review], cycle: ReviewCycle, *, page: Any = 1,
                per_page: int = PAGE_SIZE, warnings: bool = True) -> dict[str, Any]:
    """Flags per respondent (over all their submitted answers in the cycle) and per manager (their
    preliminary ratings and manager-review answers in the cycle), for the people rating the reviews in
    scope: one query that unnests the answers, aggregates per rater and keeps the flagged ones (a page of
    them, by name); with ``warnings``, the thin groups of every given review (``group_warnings``)."""
    if not isinstance(reviews, QuerySet):
        reviews = Review.objects.filter(pk__in=[r.pk for r in reviews])
    limits = thresholds(cycle)
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
        ORDER BY p.full_name, f.role, f.person_id
        LIMIT %s OFFSET %s
    """  # noqa: S608
    params = [cycle.template_id, cycle.pk, submitted, cycle.pk, submitted, *ids_params,
              cycle.pk, *states, *managers_params, cycle.pk, *states, *managers_params,
              limits["lenient_mean"], limits["lenient_floor"], limits["strict_mean"], limits["careless_min_ratings"],
              limits["careless_comment_chars"], per_page, (number - 1) * per_page]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    people, total = [], rows[0][-1] if rows else 0
    for person_id, name, role, ratings, average, low, high, comments, chars, _total in rows:
        stats = {"ratings": ratings, "mean": float(average) if average is not None else None, "min": low,
                 "max": high, "comments": comments or 0, "comment_chars": float(chars) if chars is not None else None}
        people.append({"id": person_id, "name": name, "role": role, "flags": _flags_of(stats, limits),
                       "ratings": ratings, "average": round(stats["mean"], 2) if ratings else None})
    return {"people": people, "total": total, "page": number, "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number * per_page < total else None, "thresholds": limits,
            "warnings": group_warnings(reviews, cycle, limits=limits) if warnings else {}}


def group_warnings(reviews: QuerySet[Review], cycle: ReviewCycle, *, limits: dict[str, float] | None = None,
                   ) -> dict[int, list[dict[str, Any]]]:
    """Per review, the groups with 1..small_group_max submitted answers that carry a full weight: one
    GROUP BY over the given reviews (pass one page of them)."""
    limits = limits or thresholds(cycle)
    warnings: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = FeedbackRequest.objects.filter(review_id__in=reviews.order_by().values("pk"),
                                          state=FeedbackRequest.State.SUBMITTED).values(
        "review_id", "group").annotate(n=Count("pk")).order_by("review_id", "group")
    for row in rows:
        if 1 <= row["n"] <= limits["small_group_max"] and cycle.weight(row["group"]) >= 1:
            warnings[row["review_id"]].append({"group": row["group"], "responses": row["n"]})
    return dict(warnings)


def changes_of(reviews: QuerySet[Review] | Sequence[Review]) -> dict[int, list[CalibrationChange]]:
    """The change log of the given reviews (a page of them): one query."""
    ids = reviews.order_by().values("pk") if isinstance(reviews, QuerySet) else [r.pk for r in reviews]
    by_review: dict[int, list[CalibrationChange]] = defaultdict(list)
    for change in CalibrationChange.objects.filter(review_id__in=ids).select_related("by"):
        by_review[change.review_id].append(change)
    return by_review


def evidence_trail(user, review: Review) -> list[dict[str, Any]]:
    """The person's goals of the cycle's periods, each key result with its check-ins and its chart."""
    goals = list(Objective.objects.filter(
        owner_id=review.person_id, period__in=review.cycle.periods.all(),
    ).select_related("period").prefetch_related("key_results").order_by("period__start", "pk"))
    trail = []
    for goal in goals:
        history = list(check_in_history(user, goal))
        key_results = []
        for kr in goal.key_results.all():
            own = [c for c in history if c.key_result_id == kr.pk]
            chart = charts.line_chart([(c.created_at, c.value) for c in own], low=kr.start, high=kr.target,
                                      width=420, height=140) if own else None
            key_results.append({"kr": kr, "check_ins": own, "chart": chart})
        trail.append({"goal": goal, "key_results": key_results})
    return trail
