"""Development goals: what a person means to learn, and how it is going."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person

from .periods import Period


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
