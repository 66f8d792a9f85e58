"""The OKR coach's data: the rule settings of the company (one row per rule) and the silences on goals.

The rules themselves are code (``coach.rules_engine``); what a company may tune is data: whether each
rule runs and its thresholds (``params``, merged over the defaults in ``rules_engine.RULES``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from okrs.models import KeyResult, Objective
from people.models import Person


class Rule(models.TextChoices):
    TOO_MANY_OBJECTIVES = "too_many_objectives", _("Too many objectives")
    TOO_MANY_KEY_RESULTS = "too_many_key_results", _("Too many key results")
    FIGURES_IN_OBJECTIVE = "figures_in_objective", _("Figures in the objective")
    KR_NOT_MEASURABLE = "kr_not_measurable", _("Key result without a measurable target")
    KR_IS_A_TASK = "kr_is_a_task", _("Key result phrased as a task")
    NO_RECENT_CHECK_IN = "no_recent_check_in", _("Written and forgotten")
    CARRIED_OVER = "carried_over", _("Carried over unchanged")
    TOO_SAFE = "too_safe", _("Not ambitious enough")
    TOO_FAR = "too_far", _("Too far out of reach")
    NOT_ALIGNED = "not_aligned", _("Nothing serves it")


class CoachRule(models.Model):
    """One rule's setting for the company: on or off, and its thresholds."""

    code = models.CharField(_("rule"), max_length=32, choices=Rule.choices, unique=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    params = models.JSONField(_("thresholds"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        Person, verbose_name=_("updated by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("coach rule")
        verbose_name_plural = _("coach rules")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_code_display()


class Silence(models.Model):
    """A rule switched off for one objective (or one of its key results), with the reason why."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="coach_silences"
    )
    key_result = models.ForeignKey(
        KeyResult, verbose_name=_("key result"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="coach_silences",
    )
    rule = models.CharField(_("rule"), max_length=32, choices=Rule.choices)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        Person, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("silenced finding")
        verbose_name_plural = _("silenced findings")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "rule"], condition=models.Q(key_result__isnull=True),
                                    name="silence_one_per_objective_rule"),
            models.UniqueConstraint(fields=["key_result", "rule"], condition=models.Q(key_result__isnull=False),
                                    name="silence_one_per_key_result_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.objective}"

    @property
    def target(self) -> str | int:
        return self.key_result_id or "objective"
