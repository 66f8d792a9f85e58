"""Writes of meetings: series, the occurrences generated from them, and what is said in a meeting.

Every service checks the policy (``meetings.rules``) and raises ``PermissionDenied`` when the caller may
see but not act; bad input is a ``ValidationError`` with field messages. Generating occurrences is
set-based and idempotent: one insert that skips the (series, index) pairs already there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Person
from people.roles import roles_of

from .models import ActionItem, Meeting, Note, Series, TalkingPoint
from .schedule import at, occurrence_dates
from .selectors import attendees

SCHEDULE_FIELDS = ("weekday", "time", "duration_minutes", "interval_weeks", "starts_on")
TEXT_LIMIT = 5000


def _me(user) -> Person:
    person = roles_of(user).person
    if person is None or not person.active:
        raise PermissionDenied(_("Only people of the organisation take part in meetings."))
    return person


def _require(user, perm: str, obj) -> None:
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied(_("You may not do this here."))


def _text(value: Any, field: str = "text") -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationError({field: [_("Write something.")]})
    if len(text) > TEXT_LIMIT:
        raise ValidationError({field: [_("Keep it under %(n)s characters.") % {"n": TEXT_LIMIT}]})
    return text


def _check_schedule(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if values.get("weekday") not in Series.Weekday.values:
        errors["weekday"] = [_("Choose a weekday from Monday to Friday.")]
    if not isinstance(values.get("time"), dt.time):
        errors["time"] = [_("Give a time such as 10:00.")]
    duration = values.get("duration_minutes")
    if not isinstance(duration, int) or not 5 <= duration <= 240:
        errors["duration_minutes"] = [_("Between 5 and 240 minutes.")]
    interval = values.get("interval_weeks")
    if not isinstance(interval, int) or not 1 <= interval <= 8:
        errors["interval_weeks"] = [_("Every 1 to 8 weeks.")]
    if not isinstance(values.get("starts_on"), dt.date):
        errors["starts_on"] = [_("Give a date.")]
    if errors:
        raise ValidationError(errors)


DEFAULTS = {
    Series.Kind.WEEKLY_SYNC: {"weekday": 0, "time": dt.time(10, 0), "duration_minutes": 30, "interval_weeks": 1},
    Series.Kind.MONTHLY_REVIEW: {"weekday": 3, "time": dt.time(14, 0), "duration_minutes": 60, "interval_weeks": 1},
    Series.Kind.QUARTERLY_RETRO: {"weekday": 2, "time": dt.time(14, 0), "duration_minutes": 90,
                                  "interval_weeks": 1},
    Series.Kind.ONE_ON_ONE: {"weekday": 1, "time": dt.time(11, 0), "duration_minutes": 30, "interval_weeks": 2},
}


@transaction.atomic
def series_create(*, by, kind: str, unit=None, report: Person | None = None, **schedule: Any) -> Series:
    """A unit's series (its lead, a lead above, HR admin) or a one-on-one of a manager with a direct report
    (the manager). The schedule falls back on the kind's defaults; the first occurrences are generated."""
    if kind not in Series.Kind.values:
        raise ValidationError({"kind": [_("Choose a kind of meeting.")]})
    values = {**DEFAULTS[kind], "starts_on": timezone.localdate(),
              **{k: v for k, v in schedule.items() if k in SCHEDULE_FIELDS and v is not None}}
    _check_schedule(values)
    if kind == Series.Kind.ONE_ON_ONE:
        me = _me(by)
        if report is None or report.manager_id != me.pk or not report.active:
            raise ValidationError({"report": [_("Choose one of your active direct reports.")]})
        series = Series(kind=kind, manager=me, report=report, **values)
        if Series.objects.filter(manager=me, report=report).exists():
            raise ValidationError({"report": [_("You already have a one-on-one with this person.")]})
    else:
        if unit is None:
            raise ValidationError({"unit": [_("Choose a unit.")]})
        series = Series(kind=kind, unit=unit, **values)
        if Series.objects.filter(unit=unit, kind=kind).exists():
            raise ValidationError({"kind": [_("This unit already has a series of this kind.")]})
    _require(by, "meetings.change_series", series)
    series.save()
    occurrences_generate(series_ids=[series.pk])
    return series


@transaction.atomic
def series_update(*, series: Series, by, **changes: Any) -> Series:
    """Change the schedule (or pause it with ``active``). Future meetings nobody wrote in yet are replaced
    by the new schedule's; the ones with talking points, notes or action items keep their time."""
    _require(by, "meetings.change_series", series)
    values = {name: getattr(series, name) for name in SCHEDULE_FIELDS}
    values.update({k: v for k, v in changes.items() if k in SCHEDULE_FIELDS})
    _check_schedule(values)
    for name, value in values.items():
        setattr(series, name, value)
    if "active" in changes:
        series.active = bool(changes["active"])
    series.save()
    future = Meeting.objects.filter(series_id=series.pk, scheduled_at__gt=timezone.now())
    future.exclude(Exists(TalkingPoint.objects.filter(meeting_id=OuterRef("pk")))).exclude(
        Exists(Note.objects.filter(meeting_id=OuterRef("pk")))).exclude(
        Exists(ActionItem.objects.filter(meeting_id=OuterRef("pk")))).delete()
    if series.active:
        occurrences_generate(series_ids=[series.pk])
    return series


def _presenters(series: list[Series]) -> dict[int, list[int]]:
    """Active members of each unit with a monthly review, in a stable order (name, id): one query."""
    units = {s.unit_id for s in series if s.kind == Series.Kind.MONTHLY_REVIEW}
    members: dict[int, list[int]] = {pk: [] for pk in units}
    if units:
        rows = Person.objects.filter(unit_id__in=units, state=Person.State.ACTIVE).order_by(
            "unit_id", "full_name", "pk").values_list("unit_id", "pk")
        for unit_id, pk in rows:
            members[unit_id].append(pk)
    return members


def occurrences_generate(*, since: dt.date | None = None, until: dt.date | None = None,
                         series_ids: list[int] | None = None) -> int:
    """Create the meetings of every active series (or of ``series_ids``) from ``since`` (today) to ``until``
    (``MEETINGS_AHEAD_DAYS`` ahead, 28 by default). Idempotent: (series, index) is unique and rows already
    there are skipped. A one-on-one whose report moved to another manager, or whose people left, stops.
    Answers how many meetings were added."""
    today = timezone.localdate()
    since = since or today
    until = until or today + dt.timedelta(days=getattr(settings, "MEETINGS_AHEAD_DAYS", 28))
    Series.objects.filter(kind=Series.Kind.ONE_ON_ONE, active=True).filter(
        ~Q(report__manager_id=F("manager_id")) | ~Q(report__state=Person.State.ACTIVE)
        | ~Q(manager__state=Person.State.ACTIVE)).update(active=False)
    qs = Series.objects.filter(active=True, starts_on__lte=until)
    if series_ids is not None:
        qs = qs.filter(pk__in=series_ids)
    series = list(qs.only("pk", "kind", "unit_id", "weekday", "time", "duration_minutes", "interval_weeks",
                          "starts_on"))
    members = _presenters(series)
    # The hourly run only adds what lies past each series' last meeting (a series whose schedule changed
    # is regenerated on its own, with ``series_ids``).
    last = {} if series_ids is not None else dict(
        Meeting.objects.values("series_id").annotate(last=Max("index")).values_list("series_id", "last"))
    rows = []
    for s in series:
        for index, day in occurrence_dates(s, since, until):
            if index <= last.get(s.pk, -1):
                continue
            people = members.get(s.unit_id) or []
            presenter = people[index % len(people)] if people and s.kind == Series.Kind.MONTHLY_REVIEW else None
            rows.append(Meeting(series_id=s.pk, index=index, scheduled_at=at(s, day),
                                duration_minutes=s.duration_minutes, presenter_id=presenter))
    scope = Meeting.objects.filter(series_id__in=series_ids) if series_ids is not None else Meeting.objects.all()
    before = scope.count()
    Meeting.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return scope.count() - before


# --- in a meeting --------------------------------------------------------------------------------------------


@transaction.atomic
def talking_point_add(*, meeting: Meeting, by, text: Any) -> TalkingPoint:
    series = meeting.series
    if not series.is_one_on_one:
        raise ValidationError({"meeting": [_("Talking points belong to one-on-ones.")]})
    _require(by, "meetings.contribute", series)
    me = _me(by)
    side = TalkingPoint.Side.MANAGER if me.pk == series.manager_id else TalkingPoint.Side.REPORT
    return TalkingPoint.objects.create(series=series, meeting=meeting, author=me, side=side, text=_text(text))


@transaction.atomic
def talking_point_update(*, point: TalkingPoint, by, text: Any = None, closed: bool | None = None,
                         meeting: Meeting | None = None) -> TalkingPoint:
    """Edit the text (its author) or close / reopen it (either side); closing records the meeting it was
    closed in (``meeting``, else the one it was raised for)."""
    _require(by, "meetings.contribute", point.series)
    me = _me(by)
    if text is not None:
        if point.author_id != me.pk:
            raise PermissionDenied(_("Only its author edits a talking point."))
        point.text = _text(text)
    if closed is not None:
        if closed and point.closed_at is None:
            if meeting is not None and meeting.series_id != point.series_id:
                raise ValidationError({"meeting": [_("A meeting of the same series.")]})
            point.closed_at, point.closed_in = timezone.now(), meeting or point.meeting
        elif not closed:
            point.closed_at, point.closed_in = None, None
    point.save()
    return point


@transaction.atomic
def note_add(*, meeting: Meeting, by, text: Any, kind: str = Note.Kind.NOTE) -> Note:
    _require(by, "meetings.contribute", meeting.series)
    if kind not in Note.Kind.values:
        raise ValidationError({"kind": [_("A note or a decision.")]})
    return Note.objects.create(meeting=meeting, kind=kind, author=_me(by), text=_text(text))


@transaction.atomic
def note_update(*, note: Note, by, text: Any) -> Note:
    _require(by, "meetings.contribute", note.meeting.series)
    if note.author_id != _me(by).pk:
        raise PermissionDenied(_("Only its author edits a note."))
    note.text = _text(text)
    note.save(update_fields=["text", "updated_at"])
    return note


def _owner(series: Series, owner: Any) -> Person:
    try:
        return attendees(series).get(pk=int(owner.pk if isinstance(owner, Person) else owner))
    except (Person.DoesNotExist, TypeError, ValueError, OverflowError):
        raise ValidationError({"owner": [_("Choose someone who takes part in this meeting.")]}) from None


def _due(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({"due_on": [_("Give a date as YYYY-MM-DD.")]}) from None


@transaction.atomic
def action_item_add(*, meeting: Meeting, by, text: Any, owner: Any, due_on: Any = None) -> ActionItem:
    _require(by, "meetings.contribute", meeting.series)
    return ActionItem.objects.create(series=meeting.series, meeting=meeting, text=_text(text),
                                     owner=_owner(meeting.series, owner), due_on=_due(due_on), created_by=_me(by))


@transaction.atomic
def action_item_update(*, item: ActionItem, by, text: Any = None, owner: Any = None, due_on: Any = ...,
                       done: bool | None = None) -> ActionItem:
    """Its owner, its author, or who runs the series marks it done (or not) and edits it."""
    _require(by, "meetings.change_actionitem", item)
    if text is not None:
        item.text = _text(text)
    if owner is not None:
        item.owner = _owner(item.series, owner)
    if due_on is not ...:
        item.due_on = _due(due_on)
    if done is not None:
        item.done_at = (item.done_at or timezone.now()) if done else None
    item.save()
    return item
