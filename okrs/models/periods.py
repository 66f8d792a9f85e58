"""Periods: the quarters, halves and years goals are set for."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
