"""One row per message sent: the record that makes "never twice for the same task and day" a unique key."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person


class Notification(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")
    # What it is about, e.g. "review:12:write_self_review" or "reminder:request:7": the task, not the text.
    key = models.CharField(_("key"), max_length=200)
    day = models.DateField(_("day"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.EMAIL)
    template = models.CharField(_("template"), max_length=100)
    # The subject as a message id; the sent subject (in the person's language) replaces it.
    subject = models.CharField(_("subject"), max_length=300)
    context = models.JSONField(_("context"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set when a worker claims the row to send it; a row is sent at most once.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key", "day", "channel"], name="notification_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.key} {self.day}"
