"""Performance between cycles: praise, feedback given at any time, asks for feedback, a manager's notes.

- ``CompanyValue``: the company's values, kept by HR in three languages; a praise may name one.
- ``Praise``: to one or several colleagues (``PraiseRecipient``), read by every member; ``Reaction`` rows.
- ``Feedback``: about one colleague, ``private_to_manager`` (the person never reads it) or
  ``shared_with_person``; optionally the answer to a ``FeedbackAsk``.
- ``FeedbackAsk``: someone asks named colleagues (``AskRespondent``) one question about themselves, or a
  manager about a report.
- ``ManagerNote``: a manager's private note about one report: the author alone (and HR admin) reads it.
- ``FeedbackSettings``: the company's one row: the praise channel (Slack or Teams) and the feedback nudge.

Dates are ``default=timezone.now`` rather than ``auto_now_add`` so the demo can lay out a past.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.language import localized
from people.models import Person

TEXT_LIMIT = 5000
LANGUAGES = ("en", "ru", "zh-hans")


class CompanyValue(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    names = models.JSONField(_("name"), default=dict)
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    # A value HR retires stays on the praise that named it; it is no longer offered.
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("company value")
        verbose_name_plural = _("company values")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name or self.code

    @property
    def name(self) -> str:
        return localized(self.names)

    @property
    def description(self) -> str:
        return localized(self.descriptions)


class Praise(models.Model):
    author = models.ForeignKey(Person, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+")
    recipients = models.ManyToManyField(Person, through="PraiseRecipient", verbose_name=_("recipients"),
                                        related_name="+")
    message = models.TextField(_("message"))
    value = models.ForeignKey(CompanyValue, verbose_name=_("value"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="praise")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The post to the channel HR names: claimed (posted_at set) before it is sent, so it goes out once.
    channel_posted_at = models.DateTimeField(_("posted to the channel"), null=True, blank=True)
    channel_attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    channel_failed_at = models.DateTimeField(_("posting failed"), null=True, blank=True)
    channel_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("praise")
        verbose_name_plural = _("praise")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="praise_wall_idx"),
                   models.Index(fields=["author", "created_at"], name="praise_author_idx")]

    def __str__(self) -> str:
        return self.message[:60]


class PraiseRecipient(models.Model):
    praise = models.ForeignKey(Praise, on_delete=models.CASCADE, related_name="recipient_rows")
    person = models.ForeignKey(Person, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("praise recipient")
        verbose_name_plural = _("praise recipients")
        constraints = [models.UniqueConstraint(fields=["praise", "person"], name="praise_recipient_once")]
        indexes = [models.Index(fields=["person", "praise"], name="praise_recipient_person_idx")]

    def __str__(self) -> str:
        return f"{self.praise_id} → {self.person_id}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HEART = "heart", _("Love it")
        STAR = "star", _("Outstanding")
        AGREE = "agree", pgettext_lazy("a reaction to praise", "Agree")

    praise = models.ForeignKey(Praise, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("reaction"), max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [models.UniqueConstraint(fields=["praise", "person", "kind"], name="reaction_once")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.praise_id}"


class FeedbackAsk(models.Model):
    asker = models.ForeignKey(Person, verbose_name=_("asked by"), on_delete=models.CASCADE, related_name="+")
    about = models.ForeignKey(Person, verbose_name=_("about"), on_delete=models.CASCADE, related_name="+")
    question = models.TextField(_("question"))
    respondents = models.ManyToManyField(Person, through="AskRespondent", verbose_name=_("respondents"),
                                         related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback ask")
        verbose_name_plural = _("feedback asks")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["asker", "created_at"], name="ask_asker_idx"),
                   models.Index(fields=["about", "created_at"], name="ask_about_idx")]

    def __str__(self) -> str:
        return self.question[:60]


class AskRespondent(models.Model):
    ask = models.ForeignKey(FeedbackAsk, on_delete=models.CASCADE, related_name="respondent_rows")
    person = models.ForeignKey(Person, verbose_name=_("respondent"), on_delete=models.CASCADE, related_name="+")
    # Set in the transaction that saves the answer: the inbox and the reminders read it without a join.
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback ask respondent")
        verbose_name_plural = _("feedback ask respondents")
        constraints = [models.UniqueConstraint(fields=["ask", "person"], name="ask_respondent_once")]
        indexes = [models.Index(fields=["person", "answered_at"], name="ask_respondent_open_idx")]

    def __str__(self) -> str:
        return f"{self.ask_id} → {self.person_id}"


class Feedback(models.Model):
    class Visibility(models.TextChoices):
        PRIVATE_TO_MANAGER = "private_to_manager", _("Private to their manager")
        SHARED_WITH_PERSON = "shared_with_person", _("Shared with them")

    author = models.ForeignKey(Person, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+")
    about = models.ForeignKey(Person, verbose_name=_("about"), on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("feedback"))
    visibility = models.CharField(_("who reads it"), max_length=24, choices=Visibility.choices,
                                  default=Visibility.PRIVATE_TO_MANAGER)
    request = models.ForeignKey(FeedbackAsk, verbose_name=_("answers the ask"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="answers")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["request", "author"], condition=Q(request__isnull=False),
                                               name="feedback_one_answer_per_ask")]
        indexes = [models.Index(fields=["about", "created_at"], name="feedback_about_idx"),
                   models.Index(fields=["author", "created_at"], name="feedback_author_idx")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def shared(self) -> bool:
        return self.visibility == self.Visibility.SHARED_WITH_PERSON


class ManagerNote(models.Model):
    author = models.ForeignKey(Person, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+")
    about = models.ForeignKey(Person, verbose_name=_("about"), on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("manager's note")
        verbose_name_plural = _("manager's notes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["author", "about", "created_at"], name="note_author_about_idx")]

    def __str__(self) -> str:
        return self.text[:60]


class FeedbackSettings(models.Model):
    """The company's settings (one row, ``current()``): where praise is posted, when managers are nudged."""

    class Channel(models.TextChoices):
        NONE = "", _("No channel")
        SLACK = "slack", _("Slack")
        TEAMS = "teams", _("Microsoft Teams")

    channel = models.CharField(_("praise channel"), max_length=8, choices=Channel.choices, blank=True)
    channel_webhook = models.URLField(_("channel webhook URL"), max_length=500, blank=True)
    channel_language = models.CharField(_("language of the channel's posts"), max_length=10, default="en")
    # A manager who has given a direct report no feedback (nor praise) for this many weeks is reminded; 0: never.
    nudge_weeks = models.PositiveSmallIntegerField(_("nudge after weeks without feedback"), default=6)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("praise and feedback settings")
        verbose_name_plural = _("praise and feedback settings")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> FeedbackSettings:
        # Read only: a company that never saved its settings has the defaults, and reading them writes nothing.
        return cls.objects.filter(pk=1).first() or cls(pk=1)
