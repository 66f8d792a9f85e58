"""The OKR meeting cadence: a series per unit and kind (or per manager and report), its occurrences, and
what is said in them — talking points, shared notes, decisions and action items.

Open talking points and open action items belong to the series, not to one meeting: they were raised in
one occurrence and show in every later one of the same series until someone closes them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Person, Unit


class Series(models.Model):
    class Kind(models.TextChoices):
        WEEKLY_SYNC = "weekly_sync", _("Weekly OKR sync")
        MONTHLY_REVIEW = "monthly_review", _("Monthly check-in review")
        QUARTERLY_RETRO = "quarterly_retro", _("Quarterly retrospective")
        ONE_ON_ONE = "one_on_one", _("One-on-one")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")

    UNIT_KINDS = (Kind.WEEKLY_SYNC, Kind.MONTHLY_REVIEW, Kind.QUARTERLY_RETRO)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="meeting_series"
    )
    manager = models.ForeignKey(
        Person, verbose_name=_("manager"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    report = models.ForeignKey(
        Person, verbose_name=_("report"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Weekly kinds meet on this weekday every ``interval_weeks`` weeks from ``starts_on``; the monthly review
    # on the month's last such weekday; the quarterly retrospective on the first such weekday after a quarter.
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, default=Weekday.MONDAY)
    time = models.TimeField(_("time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    interval_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), default=1)
    starts_on = models.DateField(_("starts on"))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="one_on_one", unit__isnull=True, manager__isnull=False, report__isnull=False)
                | (~Q(kind="one_on_one") & Q(unit__isnull=False, manager__isnull=True, report__isnull=True)),
                name="series_unit_or_pair",
            ),
            models.UniqueConstraint(fields=["unit", "kind"], condition=Q(unit__isnull=False),
                                    name="series_one_per_unit_kind"),
            models.UniqueConstraint(fields=["manager", "report"], condition=Q(manager__isnull=False),
                                    name="series_one_per_pair"),
            models.CheckConstraint(condition=Q(interval_weeks__gte=1, interval_weeks__lte=8),
                                   name="series_interval_1_8"),
        ]
        indexes = [models.Index(fields=["report"], name="series_report_idx")]

    def __str__(self) -> str:
        if self.kind == self.Kind.ONE_ON_ONE:
            who = f"{self.manager} · {self.report}"
        else:
            who = str(self.unit)
        return _("%(kind)s: %(who)s") % {"kind": self.get_kind_display(), "who": who}

    @property
    def is_one_on_one(self) -> bool:
        return self.kind == self.Kind.ONE_ON_ONE


class Meeting(models.Model):
    series = models.ForeignKey(Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="meetings")
    # The occurrence's number in its series, counted from ``starts_on``: the presenter rotates by it.
    index = models.PositiveIntegerField(_("occurrence"))
    scheduled_at = models.DateTimeField(_("scheduled at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    # Who presents the monthly review: the unit's active members in turn, in a stable order.
    presenter = models.ForeignKey(
        Person, verbose_name=_("presenter"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["scheduled_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["series", "index"], name="meeting_once_per_index")]
        indexes = [models.Index(fields=["series", "scheduled_at"], name="meeting_series_time_idx"),
                   models.Index(fields=["scheduled_at"], name="meeting_time_idx")]

    def __str__(self) -> str:
        return f"{self.series} · {self.scheduled_at:%Y-%m-%d %H:%M}"


class TalkingPoint(models.Model):
    """A one-on-one topic from either side; open until closed, shown in every later meeting of the series."""

    class Side(models.TextChoices):
        MANAGER = "manager", _("Manager")
        REPORT = "report", _("Report")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="talking_points")
    meeting = models.ForeignKey(Meeting, verbose_name=_("raised for"), on_delete=models.CASCADE,
                                related_name="talking_points")
    author = models.ForeignKey(Person, verbose_name=_("author"), null=True, on_delete=models.SET_NULL,
                               related_name="+")
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    text = models.TextField(_("text"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_in = models.ForeignKey(Meeting, verbose_name=_("closed in"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("talking point")
        verbose_name_plural = _("talking points")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["series", "closed_at"], name="talkingpoint_series_open_idx")]

    def __str__(self) -> str:
        return self.text[:60]


class Note(models.Model):
    """Shared notes and decisions of one meeting; everyone who sees the meeting reads them."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        DECISION = "decision", _("Decision")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.NOTE)
    author = models.ForeignKey(Person, verbose_name=_("author"), null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting note")
        verbose_name_plural = _("meeting notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(models.Model):
    """Agreed in one meeting, owned by one person; shows in the next agendas of the series until done."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(Meeting, verbose_name=_("agreed in"), on_delete=models.CASCADE,
                                related_name="action_items")
    text = models.TextField(_("action"))
    owner = models.ForeignKey(Person, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(Person, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["series", "done_at"], name="actionitem_series_open_idx")]

    def __str__(self) -> str:
        return self.text[:60]
