"""Agendas, built for one meeting as ``user`` may see it, in a fixed number of queries whatever the org size.

- weekly sync: the unit's four-quadrant board of the meeting's week (``okrs.selectors.weekly_board``) and the
  check-ins of the seven days before the meeting: what moved (progress before → after) and what is at risk
  (confidence lower than at the check-in before, or the key result in the red zone);
- monthly review: per objective of the unit, the score at the month's start and at the meeting, and how many
  check-ins the month had; the presenter rotates through the unit;
- quarterly retrospective: per objective of the quarter before, its final grade (graded key results, else
  their progress), score and zone;
- one-on-one: talking points from both sides (open ones roll over), the report's goals of the period and
  their development goals.

Every agenda ends with the series' action items still open at the meeting (and those agreed in it), and
the meeting's notes and decisions. Goals come from ``okrs.selectors``: a private objective never shows to
someone who could not open it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from okrs import scoring
from okrs import selectors as okrs_selectors
from okrs.models import CheckIn, DevelopmentGoal, KeyResult, Objective
from okrs.services import week_start

from .models import ActionItem, Meeting, Note, Series, TalkingPoint
from .schedule import month_start, quarter_before

WEEK = dt.timedelta(days=7)


def _last_check_ins(kr_ids: list[int], before: dt.datetime) -> dict[int, dict]:
    """Each key result's last check-in before ``before`` (one query)."""
    if not kr_ids:
        return {}
    rows = (
        CheckIn.objects.filter(key_result_id__in=kr_ids, created_at__lt=before)
        .annotate(rank=Window(RowNumber(), partition_by=[F("key_result_id")],
                              order_by=[F("created_at").desc(), F("pk").desc()]))
        .filter(rank=1)
        .values("key_result_id", "value", "confidence", "created_at")
    )
    return {row["key_result_id"]: row for row in rows}


def _progress(kr: KeyResult, row: dict | None) -> Decimal:
    return scoring.progress(kr.kind, kr.start, kr.target, row["value"] if row else kr.start)


def _action_items(meeting: Meeting) -> dict[str, list[ActionItem]]:
    """Open items agreed in earlier meetings of the series (open at this meeting's time), and this one's."""
    at = meeting.scheduled_at
    rows = list(
        ActionItem.objects.filter(series_id=meeting.series_id)
        .filter(Q(meeting_id=meeting.pk)
                | Q(meeting__scheduled_at__lt=at) & (Q(done_at__isnull=True) | Q(done_at__gte=at)))
        .select_related("owner", "meeting").order_by("due_on", "created_at", "pk")
    )
    return {"carried": [i for i in rows if i.meeting_id != meeting.pk],
            "new": [i for i in rows if i.meeting_id == meeting.pk]}


def _notes(meeting: Meeting) -> dict[str, list[Note]]:
    rows = list(Note.objects.filter(meeting_id=meeting.pk).select_related("author").order_by("created_at", "pk"))
    return {"notes": [n for n in rows if n.kind == Note.Kind.NOTE],
            "decisions": [n for n in rows if n.kind == Note.Kind.DECISION]}


def weekly_sync(user, meeting: Meeting) -> dict[str, Any]:
    unit, at = meeting.series.unit, meeting.scheduled_at
    board = okrs_selectors.weekly_board(user, unit=unit, week=week_start(timezone.localtime(at).date()))
    krs = {item["key_result"].pk: (entry["objective"], item["key_result"])
           for entry in board["objectives"] for item in entry["key_results"]}
    since = at - WEEK
    before = _last_check_ins(list(krs), since)
    week: dict[int, list[CheckIn]] = {}
    for check_in in (CheckIn.objects.filter(key_result_id__in=list(krs), created_at__gte=since, created_at__lt=at)
                     .select_related("author").order_by("created_at", "pk")):
        week.setdefault(check_in.key_result_id, []).append(check_in)
    moved, at_risk = [], []
    for kr_id, (objective, kr) in krs.items():
        check_ins = week.get(kr_id, [])
        baseline = before.get(kr_id)
        start = _progress(kr, baseline)
        if check_ins:
            last = check_ins[-1]
            end = scoring.progress(kr.kind, kr.start, kr.target, last.value)
            previous = check_ins[-2].confidence if len(check_ins) > 1 else (baseline or {}).get("confidence")
        else:
            last, end, previous = None, start, None
        row = {"objective": objective, "key_result": kr, "before": start, "after": end, "delta": end - start,
               "check_ins": check_ins, "confidence": last.confidence if last else (baseline or {}).get("confidence"),
               "previous_confidence": previous, "zone": scoring.zone(end)}
        if check_ins and end != start:
            moved.append(row)
        dropped = last is not None and previous is not None and last.confidence < previous
        if dropped or row["zone"] == "red":
            at_risk.append({**row, "confidence_dropped": dropped, "red": row["zone"] == "red"})
    moved.sort(key=lambda r: (-abs(r["delta"]), r["key_result"].pk))
    at_risk.sort(key=lambda r: (not r["confidence_dropped"], r["after"], r["key_result"].pk))
    return {"board": board, "period": board["period"], "since": since, "moved": moved, "at_risk": at_risk,
            "check_in_count": sum(len(v) for v in week.values())}


def _unit_objectives(user, unit, day: dt.date) -> tuple[Any, list[Objective]]:
    period = okrs_selectors.period_containing(day)
    if period is None:
        return None, []
    return period, list(okrs_selectors.objectives_for_unit(user, unit, period=period).order_by("level", "pk"))


def monthly_review(user, meeting: Meeting) -> dict[str, Any]:
    at = meeting.scheduled_at
    day = timezone.localtime(at).date()
    period, objectives = _unit_objectives(user, meeting.series.unit, day)
    first = timezone.make_aware(dt.datetime.combine(month_start(day), dt.time.min))
    until = min(at, timezone.now())
    kr_ids = [kr.pk for o in objectives for kr in o.key_results.all()]
    at_start, at_end = _last_check_ins(kr_ids, first), _last_check_ins(kr_ids, until)
    counts = dict(CheckIn.objects.filter(key_result_id__in=kr_ids, created_at__gte=first, created_at__lt=until)
                  .values_list("key_result_id").annotate(n=Count("pk")).values_list("key_result_id", "n")) \
        if kr_ids else {}
    rows = []
    for objective in objectives:
        items = []
        for kr in objective.key_results.all():
            start, end = _progress(kr, at_start.get(kr.pk)), _progress(kr, at_end.get(kr.pk))
            items.append({"key_result": kr, "start": start, "end": end, "delta": end - start,
                          "check_ins": counts.get(kr.pk, 0),
                          "confidence": (at_end.get(kr.pk) or {}).get("confidence")})
        start = scoring.score((i["start"], i["key_result"].weight) for i in items)
        end = scoring.score((i["end"], i["key_result"].weight) for i in items)
        rows.append({"objective": objective, "start": start, "end": end, "delta": end - start,
                     "zone": scoring.zone(end), "check_ins": sum(i["check_ins"] for i in items),
                     "key_results": items})
    return {"period": period, "month": month_start(day), "objectives": rows, "presenter": meeting.presenter}


def quarterly_retro(user, meeting: Meeting) -> dict[str, Any]:
    period, objectives = _unit_objectives(user, meeting.series.unit,
                                          quarter_before(timezone.localtime(meeting.scheduled_at).date()))
    rows = []
    for objective in objectives:
        items = [{"key_result": kr, "grade": kr.grade if kr.grade is not None else kr.progress,
                  "graded": kr.grade is not None, "comment": kr.grade_comment} for kr in objective.key_results.all()]
        grade = scoring.score((i["grade"], i["key_result"].weight) for i in items)
        rows.append({"objective": objective, "final": objective.state == Objective.State.CLOSED, "grade": grade,
                     "zone": scoring.zone(grade), "score": objective.score, "key_results": items})
    graded = [r["grade"] for r in rows]
    average = scoring.quantize(sum(graded, Decimal(0)) / len(graded)) if graded else None
    return {"period": period, "objectives": rows, "average": average,
            "average_zone": scoring.zone(average) if average is not None else ""}


def one_on_one(user, meeting: Meeting) -> dict[str, Any]:
    series, at = meeting.series, meeting.scheduled_at
    points = list(
        TalkingPoint.objects.filter(series_id=series.pk, meeting__scheduled_at__lte=at)
        .filter(Q(closed_in__isnull=True) | Q(closed_in__scheduled_at__gte=at))
        .select_related("author", "meeting").order_by("created_at", "pk")
    )
    for point in points:
        # Closed after this meeting (or not at all): it was open here.
        point.open_here = point.closed_in_id is None or point.closed_in_id != meeting.pk
    day = timezone.localtime(at).date()
    period = okrs_selectors.period_containing(day)
    goals = []
    if period is not None:
        for objective in okrs_selectors.objectives_for_person(user, series.report, period=period).order_by("pk"):
            goals.append({"objective": objective, "zone": scoring.zone(objective.score)})
    development = list(
        okrs_selectors.development_goals_visible_to(user).filter(
            person_id=series.report_id,
            status__in=[DevelopmentGoal.Status.PLANNED, DevelopmentGoal.Status.IN_PROGRESS])
        .order_by("due_date", "pk")
    )
    return {"manager_points": [p for p in points if p.side == TalkingPoint.Side.MANAGER],
            "report_points": [p for p in points if p.side == TalkingPoint.Side.REPORT],
            "period": period, "goals": goals, "development_goals": development}


BUILDERS = {
    Series.Kind.WEEKLY_SYNC: weekly_sync,
    Series.Kind.MONTHLY_REVIEW: monthly_review,
    Series.Kind.QUARTERLY_RETRO: quarterly_retro,
    Series.Kind.ONE_ON_ONE: one_on_one,
}


def agenda(user, meeting: Meeting) -> dict[str, Any]:
    """The agenda of ``meeting`` (from ``selectors.meeting_detail``) for ``user``."""
    data = BUILDERS[meeting.series.kind](user, meeting)
    return {"kind": meeting.series.kind, **data, "action_items": _action_items(meeting), **_notes(meeting)}
