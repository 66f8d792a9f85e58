"""One row per message sent: the record that makes "never twice for the same task and day" a unique key."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person


class Notification(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SLACK = "slack", _("Slack")
        TEAMS = "teams", _("Microsoft Teams")

    CHAT_CHANNELS = (Channel.SLACK, Channel.TEAMS)

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
    # Chat deliveries: attempts made so far; a 4xx answer or the last attempt failing sets failed_at and the
    # row is never tried again. last_error says why the latest attempt failed.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key", "day", "channel"], name="notification_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.key} {self.day}"


class NotificationSettings(models.Model):
    """How a person wants to hear about their tasks: email, and Slack or Teams through an incoming webhook.

    No row means the default: email only. A chat channel is on only with its webhook URL, which is
    validated against ``CHAT_WEBHOOK_HOSTS`` (see ``notifications.webhooks``).
    """

    person = models.OneToOneField(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")
    email = models.BooleanField(_("email"), default=True)
    slack = models.BooleanField(_("Slack"), default=False)
    slack_webhook = models.URLField(_("Slack webhook URL"), max_length=500, blank=True)
    teams = models.BooleanField(_("Microsoft Teams"), default=False)
    teams_webhook = models.URLField(_("Teams webhook URL"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.person_id}: {', '.join(self.channels())}"

    def channels(self) -> list[str]:
        """The channels a message to this person goes out on."""
        chosen = [Notification.Channel.EMAIL] if self.email else []
        if self.slack and self.slack_webhook:
            chosen.append(Notification.Channel.SLACK)
        if self.teams and self.teams_webhook:
            chosen.append(Notification.Channel.TEAMS)
        return chosen

    def webhook(self, channel: str) -> str:
        return {Notification.Channel.SLACK: self.slack_webhook, Notification.Channel.TEAMS: self.teams_webhook}.get(
            channel, ""
        )
