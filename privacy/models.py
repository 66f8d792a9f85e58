"""The log of personal-data exports and erasures.

A row names its subject by the person's primary key and a label, not by a foreign key: the log must outlive
the erasure (and any later deletion of the row), and after the erasure the label is the pseudonym.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyLog(models.Model):
    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        ERASE = "erase", _("Erasure")

    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # Who did it; empty for the scheduled retention run (actor_name says so).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("by (name)"), max_length=300, blank=True)
    subject_id = models.BigIntegerField(_("person id"), db_index=True)
    subject_label = models.CharField(_("person"), max_length=300)
    details = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal-data log entry")
        verbose_name_plural = _("personal-data log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["action", "subject_id"], name="privacylog_action_subject_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.subject_label}"
