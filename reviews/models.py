"""Review content: one Review per participant per cycle, and the FeedbackRequests about it.

Answers are JSON lists on the row (``[{"question", "goal", "development_goal", "rating", "text"}]``), so
a review page reads the whole review in one row and drafts save with one UPDATE. ``version`` counts
saves, for optimistic concurrency between two open tabs.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cycles.models import ReviewCycle
from okrs.models import Objective
from people.models import Person, Unit


class Review(models.Model):
    class State(models.TextChoices):
        GOALS_DRAFT = "goals_draft", _("Goals in draft")
        GOALS_SUBMITTED = "goals_submitted", _("Goals submitted")
        GOALS_AGREED = "goals_agreed", _("Goals agreed")
        SELF_REVIEW = "self_review", _("Self-review")
        SELF_SUBMITTED = "self_submitted", _("Self-review submitted")
        RESPONDENTS_APPROVED = "respondents_approved", _("Respondents approved")
        MANAGER_SUBMITTED = "manager_submitted", _("Manager review submitted")
        CALIBRATED = "calibrated", _("Calibrated")
        RELEASED = "released", _("Released")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The employee reads the manager's parts only from release on.
    RELEASED_STATES = (State.RELEASED, State.ACKNOWLEDGED, State.CLOSED)
    # Still in progress: the sync moves these to a new manager and withdraws them for leavers.
    OPEN_STATES = (
        State.GOALS_DRAFT, State.GOALS_SUBMITTED, State.GOALS_AGREED, State.SELF_REVIEW, State.SELF_SUBMITTED,
        State.RESPONDENTS_APPROVED, State.MANAGER_SUBMITTED, State.CALIBRATED,
    )

    cycle = models.ForeignKey(ReviewCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="reviews")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="reviews")
    # The one who writes the manager review: the person's manager, kept current by the participant sync.
    manager = models.ForeignKey(
        Person, verbose_name=_("manager"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The person's unit, kept with the review so progress per unit is one GROUP BY.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.GOALS_DRAFT)
    self_answers = models.JSONField(_("self-review"), default=list, blank=True)
    manager_answers = models.JSONField(_("manager review"), default=list, blank=True)
    # Objective ids the employee opened to any respondent who chooses to assess them.
    public_goals = models.JSONField(_("public goals"), default=list, blank=True)
    preliminary_rating = models.SmallIntegerField(_("preliminary rating"), null=True, blank=True)
    calibrated_rating = models.SmallIntegerField(_("calibrated rating"), null=True, blank=True)
    calibration_reason = models.TextField(_("calibration reason"), blank=True)
    potential = models.SmallIntegerField(_("potential"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    # Steps HR closed unfinished (``skip_unfinished``): the review moved on without them, and every count,
    # export and document says "skipped" for them, never "submitted".
    skipped_goals = models.BooleanField(_("goals skipped"), default=False, db_default=False)
    skipped_self_review = models.BooleanField(_("self-review skipped"), default=False, db_default=False)
    skipped_feedback = models.BooleanField(_("respondent approval skipped"), default=False, db_default=False)
    skipped_manager_review = models.BooleanField(_("manager review skipped"), default=False, db_default=False)
    skipped_calibration = models.BooleanField(_("calibration skipped"), default=False, db_default=False)
    skipped_conversation = models.BooleanField(_("conversation skipped"), default=False, db_default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        # No join in the default order: bulk moves lock rows with SELECT … FOR UPDATE on this table alone.
        ordering = ["cycle_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["cycle", "person"], name="review_one_per_person_per_cycle")]
        indexes = [
            models.Index(fields=["cycle", "state"], name="review_cycle_state_idx"),
            models.Index(fields=["manager", "state"], name="review_manager_state_idx"),
            models.Index(fields=["person", "state"], name="review_person_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}: {self.person_id}"

    @property
    def final_rating(self) -> int | None:
        """The calibrated rating when calibration changed it, else the manager's preliminary one."""
        return self.calibrated_rating if self.calibrated_rating is not None else self.preliminary_rating

    @property
    def is_released(self) -> bool:
        return self.state in self.RELEASED_STATES

    @property
    def skipped_steps(self) -> list[str]:
        """The steps HR skipped for this review, in the cycle's order."""
        return [step for step in SKIPPABLE_STEPS if getattr(self, f"skipped_{step}")]


# The steps of a review HR may close unfinished, in order (``feedback``: the review's respondent approval; its
# unanswered requests are marked skipped one by one).
SKIPPABLE_STEPS = ("goals", "self_review", "feedback", "manager_review", "calibration", "conversation")


class FeedbackRequest(models.Model):
    class State(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        SUBMITTED = "submitted", _("Submitted")
        CANCELLED = "cancelled", _("Cancelled")

    class Group(models.TextChoices):
        MANAGER = "manager", _("Manager")
        CUSTOMER = "customer", _("Customer")
        PEER = "peer", _("Peer")
        REPORT = "report", _("Report")

    # Count against the respondent's load cap and the review's respondent limits.
    OPEN_STATES = (State.NOMINATED, State.APPROVED)
    LIVE_STATES = (State.NOMINATED, State.APPROVED, State.SUBMITTED)
    # The respondent sees the request once it went out.
    RESPONDENT_STATES = (State.APPROVED, State.DECLINED, State.SUBMITTED)

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="requests")
    respondent = models.ForeignKey(
        Person, verbose_name=_("respondent"), on_delete=models.PROTECT, related_name="feedback_requests"
    )
    # Denormalised from the review so the load cap is one indexed count.
    cycle = models.ForeignKey(ReviewCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="+")
    group = models.CharField(_("group"), max_length=16, choices=Group.choices)
    goals = models.ManyToManyField(Objective, verbose_name=_("goals"), blank=True, related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.NOMINATED)
    decline_reason = models.TextField(_("decline reason"), blank=True)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    # Cancelled because HR closed the feedback step unfinished (or released results with it still open):
    # counted as skipped, not as a request the employee withdrew.
    skipped = models.BooleanField(_("skipped"), default=False, db_default=False)
    created_by = models.ForeignKey(
        Person, verbose_name=_("nominated by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        ordering = ["review_id", "pk"]
        indexes = [
            models.Index(fields=["respondent", "cycle", "state"], name="feedback_load_idx"),
            models.Index(fields=["review", "state"], name="feedback_review_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.review_id} ← {self.respondent_id}"


class FeedbackSnapshot(models.Model):
    """A review's feedback as it stood when its results were released: every channel reads this from release
    on, so a response that arrives, changes or is withdrawn later changes nothing anyone reads (CONTRACT:
    "frozen at release"), and no one learns a single answer by comparing two views.

    ``responses``: ``[{"request", "group", "respondent", "goals", "answers"}]``, the submitted requests at
    release (``respondent`` an id: the name is read from the person, so an erasure's pseudonym applies;
    ``goals``: whether goal questions were asked of them). ``seed`` orders anonymous comments: random, written
    once at release, never shown and never derived from anything a reader sees.
    """

    review = models.OneToOneField(Review, verbose_name=_("review"), on_delete=models.CASCADE, primary_key=True,
                                  related_name="feedback_snapshot")
    seed = models.CharField(_("order seed"), max_length=64)
    responses = models.JSONField(_("responses"), default=list, blank=True)
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback frozen at release")
        verbose_name_plural = _("feedback frozen at release")

    def __str__(self) -> str:
        return f"feedback of review {self.review_id}"


class Conversation(models.Model):
    """The results conversation of a released review: one per review, moved by ConversationFlow.

    ``notes`` are shared by both sides; ``private_notes`` belong to the manager's side (the manager, the
    chain above, the HR partner and HR admin) and never reach the employee. Each side acknowledges on its
    own; the conversation is acknowledged once both have.
    """

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")

    review = models.OneToOneField(Review, verbose_name=_("review"), on_delete=models.CASCADE,
                                  related_name="conversation")
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PLANNED)
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    held_at = models.DateTimeField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("shared notes"), blank=True)
    private_notes = models.TextField(_("manager's private notes"), blank=True)
    # Agreed actions, one short text each.
    actions = models.JSONField(_("agreed actions"), default=list, blank=True)
    employee_feedback = models.TextField(_("feedback to the manager"), blank=True)
    disagreement = models.TextField(_("written disagreement"), blank=True)
    employee_acknowledged_at = models.DateTimeField(_("acknowledged by the employee"), null=True, blank=True)
    manager_acknowledged_at = models.DateTimeField(_("acknowledged by the manager"), null=True, blank=True)
    created_by = models.ForeignKey(
        Person, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("results conversation")
        verbose_name_plural = _("results conversations")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"conversation of review {self.review_id}"


class CalibrationSession(models.Model):
    """A calibration meeting over one or several units of a cycle, with the managers taking part."""

    cycle = models.ForeignKey(ReviewCycle, verbose_name=_("cycle"), on_delete=models.CASCADE,
                              related_name="calibration_sessions")
    name = models.CharField(_("name"), max_length=200)
    units = models.ManyToManyField(Unit, verbose_name=_("units"), related_name="+")
    participants = models.ManyToManyField(Person, verbose_name=_("participants"), blank=True, related_name="+")
    created_by = models.ForeignKey(
        Person, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calibration session")
        verbose_name_plural = _("calibration sessions")
        ordering = ["cycle_id", "pk"]

    def __str__(self) -> str:
        return self.name


class CalibrationChange(models.Model):
    """One change of a review's rating in calibration: who, from, to, why and when (written by the flow)."""

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE,
                               related_name="calibration_changes")
    by = models.ForeignKey(Person, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    from_rating = models.SmallIntegerField(_("from"), null=True, blank=True)
    to_rating = models.SmallIntegerField(_("to"))
    # Set when the change moved the potential too (a move across the 9-box).
    from_potential = models.SmallIntegerField(_("potential from"), null=True, blank=True)
    to_potential = models.SmallIntegerField(_("potential to"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calibration change")
        verbose_name_plural = _("calibration changes")
        ordering = ["review_id", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.from_rating} → {self.to_rating}"
