"""HR's configuration of a review cycle: the cycle itself, its template of questions and its rating scales.

Labels that people read (scale levels, question texts) are stored per language as JSON
``{"en": …, "ru": …, "zh-hans": …}``: the ready scales and template ship all three languages from the
glossary, and an HR-made label may fill only ``en`` (the fallback).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.language import localized
from okrs.models import Period
from people.models import Unit


class RatingScale(models.Model):
    """Ordered labelled levels with numeric values, optionally one "can't judge" level."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    names = models.JSONField(_("name"), default=dict)

    class Meta:
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")
        ordering = ["code"]

    def __str__(self) -> str:
        return localized(self.names) or self.code

    @property
    def name(self) -> str:
        return localized(self.names)


class ScaleLevel(models.Model):
    scale = models.ForeignKey(RatingScale, verbose_name=_("scale"), on_delete=models.CASCADE, related_name="levels")
    value = models.SmallIntegerField(_("value"))
    labels = models.JSONField(_("label"), default=dict)
    # Excluded from averages: the respondent could not judge.
    is_cant_judge = models.BooleanField(_("can't judge"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["scale_id", "position", "value"]
        constraints = [models.UniqueConstraint(fields=["scale", "value"], name="scale_level_unique_value")]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"

    @property
    def label(self) -> str:
        return localized(self.labels)


class ReviewTemplate(models.Model):
    """A template's versions share a ``family``: a change to one that a launched cycle uses makes the next
    version, so that cycle keeps the questions it launched with (see ``template_services``)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    names = models.JSONField(_("name"), default=dict)
    family = models.UUIDField(_("family"), default=uuid.uuid4, db_index=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("review template")
        verbose_name_plural = _("review templates")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["family", "version"], name="template_family_version")]

    def __str__(self) -> str:
        return localized(self.names) or self.code

    @property
    def name(self) -> str:
        return localized(self.names)


class Question(models.Model):
    """One question of a template. A ``goal`` question is asked once per goal of the person."""

    class Section(models.TextChoices):
        GOALS = "goals", _("Goals")
        RATINGS = "ratings", _("Rating questions")
        OPEN = "open", _("Open questions")
        RESPONDENT = "respondent", _("Respondent questions")
        MANAGER = "manager", _("Manager questions")

    class Kind(models.TextChoices):
        RATING = "rating", _("Rating")
        TEXT = "text", _("Text")
        GOAL = "goal", _("Goal")

    class Author(models.TextChoices):
        SELF = "self", _("Employee")
        MANAGER = "manager", _("Manager")
        RESPONDENT = "respondent", _("Respondent")

    template = models.ForeignKey(
        ReviewTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="questions"
    )
    section = models.CharField(_("section"), max_length=16, choices=Section.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    author = models.CharField(_("author"), max_length=16, choices=Author.choices)
    texts = models.JSONField(_("text"), default=dict)
    # Rating and goal questions may be rated on a scale; a goal question without one takes a comment only.
    scale = models.ForeignKey(
        RatingScale, verbose_name=_("scale"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["template_id", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self.texts)


class ReviewCycle(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        GOAL_SETTING = "goal_setting", _("Goal setting")
        TRACKING = "tracking", _("Tracking")
        SELF_REVIEW = "self_review", _("Self-review")
        FEEDBACK = "feedback", _("Feedback")
        MANAGER_REVIEW = "manager_review", _("Manager review")
        CALIBRATION = "calibration", _("Calibration")
        CONVERSATIONS = "conversations", _("Results conversations")
        CLOSED = "closed", _("Closed")

    class Anonymity(models.TextChoices):
        NAMED = "named", _("Named")
        ANONYMOUS = "anonymous", _("Anonymous")
        MANAGER_ONLY = "manager_only", _("Manager only")

    # The phases in order, for deadlines and progress; optional ones may be skipped.
    PHASES = (
        "goal_setting", "tracking", "self_review", "feedback", "manager_review", "calibration", "conversations",
    )
    OPTIONAL_PHASES = ("feedback", "calibration")
    GROUPS = ("manager", "customer", "peer", "report")

    name = models.CharField(_("name"), max_length=200)
    periods = models.ManyToManyField(Period, verbose_name=_("periods"), related_name="review_cycles", blank=True)
    participant_units = models.ManyToManyField(
        Unit, verbose_name=_("participant units"), related_name="review_cycles", blank=True,
        help_text=_("People in these units and the units under them take part."),
    )
    # People hired after this date are on probation and left out.
    hired_before = models.DateField(_("hired on or before"), null=True, blank=True)
    template = models.ForeignKey(
        ReviewTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="cycles"
    )
    final_scale = models.ForeignKey(
        RatingScale, verbose_name=_("final rating scale"), on_delete=models.PROTECT, related_name="+"
    )
    potential_scale = models.ForeignKey(
        RatingScale, verbose_name=_("potential scale"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    anonymity = models.CharField(_("anonymity"), max_length=16, choices=Anonymity.choices, default=Anonymity.ANONYMOUS)
    anonymity_threshold = models.PositiveSmallIntegerField(_("anonymity threshold"), default=3)
    min_respondents = models.PositiveSmallIntegerField(_("minimum respondents per review"), default=3)
    max_respondents = models.PositiveSmallIntegerField(_("maximum respondents per review"), default=8)
    max_requests_per_respondent = models.PositiveSmallIntegerField(
        _("maximum open requests per respondent"), default=10
    )
    # {"manager": 1, "customer": 1, "peer": 1, "report": 1}: the weight of each group's average.
    group_weights = models.JSONField(_("group weights"), default=dict, blank=True)
    # {phase: "YYYY-MM-DD"}
    deadlines = models.JSONField(_("deadlines"), default=dict, blank=True)
    # {rating value: share 0–1}: the expected distribution of final ratings calibration compares against.
    rating_guideline = models.JSONField(_("rating guideline"), default=dict, blank=True)
    # Rater-quality thresholds, each falling back to RATER_FLAG_DEFAULTS (see reviews.rater_quality).
    rater_flags = models.JSONField(_("rater quality thresholds"), default=dict, blank=True)
    feedback_phase = models.BooleanField(_("feedback phase"), default=True)
    calibration_phase = models.BooleanField(_("calibration phase"), default=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_respondents__lte=models.F("max_respondents")),
                name="cycle_min_respondents_le_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def deadline(self, phase: str) -> str | None:
        return (self.deadlines or {}).get(phase)

    def weight(self, group: str) -> float:
        try:
            return float((self.group_weights or {}).get(group, 1))
        except (TypeError, ValueError):
            return 1.0
