"""Adjustments: the record of every change to a key result once its objective was agreed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person

from .objectives import KeyResult


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
