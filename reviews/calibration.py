"""Reads for calibration: which reviews a caller calibrates, the rating distribution against the cycle's
guideline, the 9-box, per-manager averages, rater-quality flags and the evidence trail of one review.

Everything is computed from a fixed set of queries over the reviews in scope (rows loaded once, the
submitted answers loaded once), so the page costs the same at any organisation size. Rater flags are shown
to calibrators only: they are judgements about people, not part of any review.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from statistics import mean, pvariance
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from cycles.models import ReviewCycle
from okrs import charts
from okrs.models import Objective
from okrs.selectors import check_in_history
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
    """HR admin: every session of the cycle; an HR partner: sessions within their units; a manager: the
    sessions they take part in. Two queries."""
    roles = roles_of(user)
    sessions = list(CalibrationSession.objects.filter(cycle=cycle).prefetch_related("units", "participants"))
    if roles.hr_admin:
        return sessions
    me = roles.person
    visible = []
    for session in sessions:
        units = list(session.units.all())
        partner = units and all(roles.partners_unit(u) for u in units)
        if partner or (me is not None and any(p.pk == me.pk for p in session.participants.all())):
            visible.append(session)
    return visible


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
        qs = qs.filter(_lineage_q(u.lineage for u in session.units.all()))
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


def load_scope(qs: QuerySet[Review], *, unit=None, level: str = "") -> list[Review]:
    if unit is not None:
        qs = qs.filter(person__unit__lineage__startswith=unit.lineage)
    if level:
        qs = qs.filter(person__title=level)
    return list(qs.select_related("person__unit", "manager__unit", "unit").order_by("person__full_name", "pk"))


def histogram(reviews: Sequence[Review], cycle: ReviewCycle, *, width: int = 360) -> dict[str, Any]:
    """Counts of final ratings per level of the final scale, beside the guideline's share."""
    return histogram_of(Counter(r.final_rating for r in reviews if r.final_rating is not None), cycle, width=width)


def histogram_of(counts: Counter, cycle: ReviewCycle, *, width: int = 360) -> dict[str, Any]:
    levels = list(cycle.final_scale.levels.all())
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


def nine_box(reviews: Sequence[Review], cycle: ReviewCycle) -> dict[str, Any]:
    """Rating × potential: rows from high potential down, columns from low performance up; counts and names."""
    ratings = sorted(level.value for level in cycle.final_scale.levels.all())
    potentials = sorted(level.value for level in cycle.potential_scale.levels.all()) if cycle.potential_scale else []
    cells: dict[tuple[int, int], list[Review]] = defaultdict(list)
    unplaced = 0
    for review in reviews:
        performance, potential = _band(review.final_rating, ratings), _band(review.potential, potentials)
        if performance is None or potential is None:
            unplaced += 1
            continue
        cells[(potential, performance)].append(review)
    grid = [[{"potential": p, "performance": f, "reviews": cells[(p, f)], "count": len(cells[(p, f)])}
             for f in range(3)] for p in (2, 1, 0)]
    return {"grid": grid, "unplaced": unplaced}


def manager_averages(reviews: Sequence[Review]) -> dict[str, Any]:
    """Each manager's average final rating beside the average of their team's unit and of the scope."""
    by_manager: dict[int, list[Review]] = defaultdict(list)
    by_unit: dict[int | None, list[int]] = defaultdict(list)
    rated = [r for r in reviews if r.final_rating is not None]
    for review in rated:
        by_unit[review.unit_id].append(review.final_rating)
        if review.manager_id is not None:
            by_manager[review.manager_id].append(review)
    rows = []
    for team in by_manager.values():
        unit_id = Counter(r.unit_id for r in team).most_common(1)[0][0]
        unit = next((r.unit for r in team if r.unit_id == unit_id), None)
        rows.append({
            "manager": team[0].manager, "count": len(team), "average": round(mean(r.final_rating for r in team), 2),
            "unit": unit, "unit_average": round(mean(by_unit[unit_id]), 2),
        })
    rows.sort(key=lambda row: row["manager"].full_name)
    overall = round(mean(r.final_rating for r in rated), 2) if rated else None
    return {"rows": rows, "overall": overall}


def _cant_judge(cycle: ReviewCycle) -> set[tuple[int, int]]:
    return {
        (q.pk, level.value) for q in cycle.template.questions.all() if q.scale is not None
        for level in q.scale.levels.all() if level.is_cant_judge
    }


def _flags(ratings: list[int], comments: list[str], limits: dict[str, float]) -> list[str]:
    flags = []
    if ratings:
        average = mean(ratings)
        if average > limits["lenient_mean"] and min(ratings) > limits["lenient_floor"]:
            flags.append("lenient")
        if average < limits["strict_mean"]:
            flags.append("strict")
    careless = len(ratings) >= limits["careless_min_ratings"] and pvariance(ratings) == 0
    if comments and mean(len(c) for c in comments) < limits["careless_comment_chars"]:
        careless = True
    if careless:
        flags.append("careless")
    return flags


def _collect(answers: Iterable[dict], cant_judge: set[tuple[int, int]], ratings: list, comments: list) -> None:
    for answer in answers or []:
        rating = answer.get("rating")
        if isinstance(rating, int) and not isinstance(rating, bool) and (answer.get("question"), rating) not in (
            cant_judge
        ):
            ratings.append(rating)
        text = (answer.get("text") or "").strip()
        if text:
            comments.append(text)


def rater_flags(reviews: Sequence[Review], cycle: ReviewCycle) -> dict[str, Any]:
    """Flags per respondent (over all their submitted answers in the cycle) and per manager (their
    preliminary ratings and manager-review answers in the cycle), for the people rating the reviews in
    scope; and per review the groups with one or two answers that carry a full weight. Two queries."""
    limits = thresholds(cycle)
    cant_judge = _cant_judge(cycle)
    review_ids = [r.pk for r in reviews]
    submitted = FeedbackRequest.objects.filter(cycle=cycle, state=FeedbackRequest.State.SUBMITTED)
    in_scope = submitted.filter(review_id__in=review_ids)
    rows = list(submitted.filter(respondent_id__in=in_scope.values("respondent_id")).values_list(
        "respondent_id", "respondent__full_name", "review_id", "group", "answers"))
    respondents: dict[int, dict[str, Any]] = {}
    group_counts: dict[int, Counter] = defaultdict(Counter)
    scope = set(review_ids)
    for respondent_id, name, review_id, group, answers in rows:
        entry = respondents.setdefault(respondent_id, {"name": name, "ratings": [], "comments": []})
        _collect(answers, cant_judge, entry["ratings"], entry["comments"])
        if review_id in scope:
            group_counts[review_id][group] += 1
    managers: dict[int, dict[str, Any]] = {}
    manager_ids = {r.manager_id for r in reviews if r.manager_id}
    for manager_id, name, rating, answers in Review.objects.filter(
        cycle=cycle, manager_id__in=manager_ids, state__in=CALIBRATION_STATES,
    ).values_list("manager_id", "manager__full_name", "preliminary_rating", "manager_answers"):
        entry = managers.setdefault(manager_id, {"name": name, "ratings": [], "comments": []})
        if rating is not None:
            entry["ratings"].append(rating)
        _collect(answers, cant_judge, [], entry["comments"])
    people = []
    for role, source in (("respondent", respondents), ("manager", managers)):
        for person_id, entry in source.items():
            flags = _flags(entry["ratings"], entry["comments"], limits)
            if flags:
                people.append({"id": person_id, "name": entry["name"], "role": role, "flags": flags,
                               "ratings": len(entry["ratings"]),
                               "average": round(mean(entry["ratings"]), 2) if entry["ratings"] else None})
    people.sort(key=lambda p: (p["name"], p["role"]))
    warnings = {
        review_id: [{"group": group, "responses": n} for group, n in sorted(counts.items())
                    if 1 <= n <= limits["small_group_max"] and cycle.weight(group) >= 1]
        for review_id, counts in group_counts.items()
    }
    return {"people": people, "warnings": {k: v for k, v in warnings.items() if v}, "thresholds": limits}


def changes_of(reviews: Sequence[Review]) -> dict[int, list[CalibrationChange]]:
    by_review: dict[int, list[CalibrationChange]] = defaultdict(list)
    for change in CalibrationChange.objects.filter(review_id__in=[r.pk for r in reviews]).select_related("by"):
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
