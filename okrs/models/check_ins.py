"""Check-ins: a key result's measured value and the confidence in it, as of a moment."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Person

from .objectives import VALUE, KeyResult


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
