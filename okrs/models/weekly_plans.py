"""Weekly plans: the four-quadrant board of a team or a person for one week."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person, Unit


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
