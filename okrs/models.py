"""Goals: periods, objectives and their key results, check-ins, adjustments, dependencies, development goals.

Scores are stored (``KeyResult.progress``, ``Objective.score``) so lists and trees read them without
computing; the services that change key results or record check-ins recompute them in the same
transaction (see ``okrs.scoring``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from people.models import Person, Unit

VALUE = {"max_digits": 18, "decimal_places": 4}
FRACTION = {"max_digits": 5, "decimal_places": 4}


class Period(models.Model):
    class Kind(models.TextChoices):
        QUARTER = "quarter", _("Quarter")
        HALF = "half", _("Half-year")
        YEAR = "year", _("Year")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.QUARTER)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["start", "-end"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.code

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end


class Objective(models.Model):
    class Level(models.TextChoices):
        COMPANY = "company", _("Company")
        UNIT = "unit", _("Unit")
        TEAM = "team", _("Team")
        PERSONAL = "personal", _("Personal")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        ACTIVE = "active", pgettext_lazy("objective state", "Active")
        CLOSED = "closed", _("Closed")

    # Higher levels have smaller ranks: a parent must outrank its child.
    RANK = {Level.COMPANY: 0, Level.UNIT: 1, Level.TEAM: 2, Level.PERSONAL: 3}
    UNIT_LEVELS = (Level.COMPANY, Level.UNIT, Level.TEAM)
    # From these states on, the wording is locked and key results change only through adjustments.
    LOCKED_STATES = (State.AGREED, State.ACTIVE, State.CLOSED)

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="objectives"
    )
    owner = models.ForeignKey(
        Person, verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT, related_name="objectives"
    )
    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="objectives")
    parent_objective = models.ForeignKey(
        "self", verbose_name=_("parent objective"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="child_objectives",
    )
    parent_key_result = models.ForeignKey(
        "KeyResult", verbose_name=_("parent key result"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="child_objectives",
    )
    private = models.BooleanField(_("private"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    score = models.DecimalField(_("score"), default=0, **FRACTION)
    # Why the supervisor last sent it back; cleared when it is proposed again.
    return_reason = models.TextField(_("reason returned"), blank=True)
    created_by = models.ForeignKey(
        Person, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["period__start", "level", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(parent_objective__isnull=True) | models.Q(parent_key_result__isnull=True),
                name="objective_one_parent",
            ),
            models.CheckConstraint(
                condition=models.Q(private=False) | models.Q(level="personal"), name="objective_private_personal_only"
            ),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=1), name="objective_score_0_1"),
        ]
        indexes = [
            models.Index(fields=["owner", "period"], name="objective_owner_period_idx"),
            models.Index(fields=["unit", "period"], name="objective_unit_period_idx"),
            models.Index(fields=["period", "level"], name="objective_period_level_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.state in self.LOCKED_STATES

    @property
    def parent(self) -> Objective | None:
        """The objective this one serves, directly or through one of its key results."""
        if self.parent_key_result_id:
            return self.parent_key_result.objective
        return self.parent_objective

    @property
    def zone(self) -> str:
        from .scoring import zone

        return zone(self.score)


class KeyResult(models.Model):
    class Kind(models.TextChoices):
        INCREASE_TO = "increase_to", _("Increase to")
        DECREASE_TO = "decrease_to", _("Decrease to")
        BOOLEAN = "boolean", _("Done / not done")
        MILESTONE = "milestone", _("Milestone")

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="key_results"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INCREASE_TO)
    start = models.DecimalField(_("start"), default=0, **VALUE)
    target = models.DecimalField(_("target"), **VALUE)
    current = models.DecimalField(_("current"), default=0, **VALUE)
    unit_label = models.CharField(_("unit"), max_length=40, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=2, default=1)
    owner = models.ForeignKey(
        Person, verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT, related_name="key_results"
    )
    confidence = models.PositiveSmallIntegerField(_("confidence"), default=5)
    progress = models.DecimalField(_("progress"), default=0, **FRACTION)
    grade = models.DecimalField(_("grade"), null=True, blank=True, **FRACTION)
    grade_comment = models.TextField(_("grade comment"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("key result")
        verbose_name_plural = _("key results")
        ordering = ["objective_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="key_result_weight_positive"),
            models.CheckConstraint(condition=models.Q(confidence__lte=10), name="key_result_confidence_0_10"),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=1), name="key_result_progress_0_1"
            ),
            models.CheckConstraint(
                condition=models.Q(grade__isnull=True) | models.Q(grade__gte=0, grade__lte=1),
                name="key_result_grade_0_1",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CheckIn(models.Model):
    key_result = models.ForeignKey(
        KeyResult, verbose_name=_("key result"), on_delete=models.CASCADE, related_name="check_ins"
    )
    value = models.DecimalField(_("value"), **VALUE)
    confidence = models.PositiveSmallIntegerField(_("confidence"))
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(
        Person, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["key_result", "-created_at"], name="checkin_kr_time_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(confidence__lte=10), name="checkin_confidence_0_10")]

    def __str__(self) -> str:
        return f"{self.key_result}: {self.value}"


class KeyResultAdjustment(models.Model):
    """A change to a key result after its objective was agreed: who, when, why, and each field's old/new value."""

    key_result = models.ForeignKey(
        KeyResult, verbose_name=_("key result"), on_delete=models.CASCADE, related_name="adjustments"
    )
    by = models.ForeignKey(
        Person, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"), default=dict)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("key result adjustment")
        verbose_name_plural = _("key result adjustments")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.key_result}: {', '.join(self.changes)}"


class Dependency(models.Model):
    """Horizontal alignment: one unit asks another to contribute to one of its objectives or key results."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    from_unit = models.ForeignKey(
        Unit, verbose_name=_("asking unit"), on_delete=models.PROTECT, related_name="dependencies_asked"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("asked unit"), on_delete=models.PROTECT, related_name="dependencies_received"
    )
    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="dependencies"
    )
    key_result = models.ForeignKey(
        KeyResult, verbose_name=_("key result"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="dependencies",
    )
    message = models.TextField(_("message"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REQUESTED)
    response = models.TextField(_("response"), blank=True)
    responded_by = models.ForeignKey(
        Person, verbose_name=_("responded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    created_by = models.ForeignKey(
        Person, verbose_name=_("asked by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(from_unit=models.F("to_unit")), name="dependency_other_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit}: {self.objective}"


class DevelopmentGoal(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Source(models.TextChoices):
        GOAL_SETTING = "goal_setting", _("Goal setting")
        CONVERSATION = "conversation", _("Results conversation")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="development_goals"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    competency = models.CharField(_("competency"), max_length=200, blank=True)
    actions = models.TextField(_("actions"), blank=True)
    support_needed = models.TextField(_("support needed"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # Edited freely by the person: a plain field, not a flow state.
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    progress_notes = models.TextField(_("progress notes"), blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.GOAL_SETTING)
    created_by = models.ForeignKey(
        Person, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("development goal")
        verbose_name_plural = _("development goals")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["person", "period"], name="devgoal_person_period_idx")]

    def __str__(self) -> str:
        return self.title


class WeeklyPlan(models.Model):
    """The four-quadrant weekly board of a team (a unit) or of a person; the OKR quadrant is read live."""

    class Health(models.TextChoices):
        GREEN = "green", _("On track")
        YELLOW = "yellow", _("At risk")
        RED = "red", _("Off track")

    unit = models.ForeignKey(
        Unit, verbose_name=_("team"), null=True, blank=True, on_delete=models.CASCADE, related_name="weekly_plans"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE, related_name="weekly_plans"
    )
    # The Monday the week starts on.
    week = models.DateField(_("week"))
    priorities = models.TextField(_("priorities this week"), blank=True)
    plans_next_weeks = models.TextField(_("plans for the next four weeks"), blank=True)
    health = models.CharField(_("health"), max_length=8, choices=Health.choices, default=Health.GREEN)
    health_notes = models.TextField(_("health notes"), blank=True)
    author = models.ForeignKey(
        Person, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("weekly board")
        verbose_name_plural = _("weekly boards")
        ordering = ["-week", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, person__isnull=False)
                | models.Q(unit__isnull=False, person__isnull=True),
                name="weeklyplan_team_or_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "week"], condition=models.Q(unit__isnull=False), name="weeklyplan_unit_week_unique"
            ),
            models.UniqueConstraint(
                fields=["person", "week"], condition=models.Q(person__isnull=False),
                name="weeklyplan_person_week_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.person} · {self.week}"
