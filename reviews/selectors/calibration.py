"""Reads for calibration: which reviews a caller calibrates, the rating distribution against the cycle's
guideline, the 9-box, per-manager averages and the evidence trail of one review; the rater-quality flags
shown beside them are in ``rater_quality``.

Every figure is an aggregate computed by the database (GROUP BY, conditional and windowed counts, the
submitted answers unnested in SQL), and every list is one page, so the page costs the same queries and
about the same time at any organisation size.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
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

from common import charts
from common.access import fetch
from common.paging import page_number
from cycles.models import ReviewCycle, ScaleLevel
from okrs.models import CheckIn
from okrs.selectors import objectives_visible_to
from people.models import Unit
from people.roles import roles_of

from ..models import CalibrationChange, CalibrationSession, Review
from ..rules import calibration_lineages

CALIBRATION_STATES = (Review.State.MANAGER_SUBMITTED, Review.State.CALIBRATED, *Review.RELEASED_STATES)


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


def calibration_cycle_detail(user, cycle_id: Any) -> ReviewCycle:
    """The cycle whose calibration page the caller may open (404 for everyone who calibrates nothing in it)."""
    cycle = fetch(ReviewCycle.objects.select_related("final_scale", "potential_scale", "template"), cycle_id,
                  message="No calibration here.")
    if not may_calibrate_in(user, cycle):
        raise Http404("No calibration here.")
    return cycle


def calibration_scope(user, cycle: ReviewCycle, *, session: CalibrationSession | None = None) -> QuerySet[Review]:
    """Reviews of the cycle the caller may calibrate (narrowed to a session's units when given): HR admin
    all, an HR partner their units', a manager those of the sessions they take part in — never their own (every
    figure, list and the evidence trail of the page come from here)."""
    roles = roles_of(user)
    qs = Review.objects.filter(cycle=cycle, state__in=CALIBRATION_STATES)
    if roles.person is not None:
        qs = qs.exclude(person_id=roles.person.pk)
    if not roles.hr_admin:
        qs = qs.filter(_lineage_q([*roles.partner_lineages, *calibration_lineages(user, cycle.pk)]))
    if session is not None:
        units = CalibrationSession.units.through.objects.filter(
            StartsWith(OuterRef("person__unit__lineage"), F("unit__lineage")), calibrationsession_id=session.pk)
        qs = qs.filter(Exists(units))
    return qs


def calibration_review_detail(user, review_id: Any) -> Review:
    """One review the caller may calibrate, loaded for the calibrate transition (404 otherwise)."""
    review = fetch(Review.objects.select_related("cycle__final_scale", "person__unit"), review_id,
                   message="No such review.")
    if not calibration_scope(user, review.cycle).filter(pk=review.pk).exists():
        raise Http404("No such review.")
    return review


PAGE_SIZE = 25  # reviews, managers and flagged raters shown at a time
UNIT_CHOICES = 100  # units offered by the filter: the shallowest first



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


def changes_of(reviews: QuerySet[Review] | Sequence[Review]) -> dict[int, list[CalibrationChange]]:
    """The change log of the given reviews (a page of them): one query."""
    ids = reviews.order_by().values("pk") if isinstance(reviews, QuerySet) else [r.pk for r in reviews]
    by_review: dict[int, list[CalibrationChange]] = defaultdict(list)
    for change in CalibrationChange.objects.filter(review_id__in=ids).select_related("by"):
        by_review[change.review_id].append(change)
    return by_review


LOG_SIZE = 10  # changes of the board's log shown at a time


def change_log(reviews: QuerySet[Review], *, page: Any = 1, per_page: int = LOG_SIZE,
               rows_of: Sequence[int] = ()) -> dict[str, Any]:
    """The latest rating changes of the given reviews (the board's scope), newest first, one page: who changed
    whose rating, from, to, why and when; with ``rows_of`` (the ids of the list's page) also every change of
    those reviews, under ``by_review``. One query."""
    number = page_number(page)
    latest = CalibrationChange.objects.filter(review_id__in=reviews.order_by().values("pk")).order_by(
        "-at", "-pk").values("pk")[(number - 1) * per_page: number * per_page + 1]
    found = list(CalibrationChange.objects.filter(Q(pk__in=latest) | Q(review_id__in=list(rows_of))).annotate(
        in_log=ExpressionWrapper(Q(pk__in=latest), output_field=BooleanField())).select_related(
        "by", "review__person").order_by("review_id", "at", "pk"))
    by_review: dict[int, list[CalibrationChange]] = defaultdict(list)
    for change in found:
        if change.review_id in rows_of:
            by_review[change.review_id].append(change)
    rows = sorted((c for c in found if c.in_log), key=lambda c: (c.at, c.pk), reverse=True)
    return {"rows": rows[:per_page], "page": number, "previous": number - 1 if number > 1 else None,
            "next": number + 1 if len(rows) > per_page else None, "by_review": dict(by_review)}


def band_of(value: int | None, values: Sequence[int]) -> int | None:
    """The 9-box band (0 low, 1 middle, 2 high) of one value of a scale with ``values``."""
    return _band(value, sorted(values))


def evidence_trail(user, review: Review) -> list[dict[str, Any]]:
    """The person's goals of the cycle's periods that ``user`` may read (a private objective only for the person's
    line and HR, as everywhere), each key result with its check-ins and its chart: three queries."""
    goals = list(objectives_visible_to(user).filter(
        owner_id=review.person_id, period__in=review.cycle.periods.all(),
    ).order_by("period__start", "pk"))
    check_ins: dict[int, list[CheckIn]] = defaultdict(list)
    for check_in in CheckIn.objects.filter(key_result__objective__in=[g.pk for g in goals]).select_related(
            "author").order_by("key_result_id", "created_at", "pk"):
        check_ins[check_in.key_result_id].append(check_in)
    trail = []
    for goal in goals:
        key_results = []
        for kr in goal.key_results.all():
            own = check_ins[kr.pk]
            chart = charts.line_chart([(c.created_at, c.value) for c in own], low=kr.start, high=kr.target,
                                      width=420, height=140) if own else None
            key_results.append({"kr": kr, "check_ins": own, "chart": chart})
        trail.append({"goal": goal, "key_results": key_results})
    return trail
