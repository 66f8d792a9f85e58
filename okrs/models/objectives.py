"""Objectives and their key results, with the decimal shapes their stored numbers take."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from people.models import Person, Unit

from .periods import Period

VALUE = {"max_digits": 18, "decimal_places": 4}
FRACTION = {"max_digits": 5, "decimal_places": 4}


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
        from ..scoring import zone

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
