"""ConversationFlow: the results conversation of a released review.

planned → scheduled (the manager sets a time; rescheduling stays scheduled) → held (the manager records
the shared notes, the private notes and the agreed actions) → acknowledged, once both the employee and
the manager have acknowledged: each side's ``acknowledge`` stamps its own time, and the conversation
moves on only when the other side's stamp is already there (otherwise it stays held).

Who (``reviews/rules.py``): ``schedule`` (``{"at", "duration_minutes"?}``, 5 to 480 minutes; run again to
move it) and ``hold`` (``{"notes", "private_notes", "actions"}``) — the review's manager or HR admin;
``acknowledge`` — the employee or the review's manager, each once (409 when their side is stamped already).
The employee's acknowledgement also runs the released review's ``acknowledge`` in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from viewflow.fsm.base import State

from reviews.models import Conversation, Review
from reviews.rules import is_conversation_employee
from reviews.services import clean_actions

from .base import Flow, Refusal, flow_state, may
from .registry import register
from .runner import run_transition

S = Conversation.State



# A time typed a few minutes ago is "now", not the past: the form took that long to fill in.
GRACE = dt.timedelta(minutes=5)


def _parse_at(value) -> dt.datetime:
    try:
        at = value if isinstance(value, dt.datetime) else parse_datetime(str(value or ""))
    except ValueError:  # well formed but impossible, e.g. 2030-02-30T10:00
        at = None
    if at is None:
        raise ValidationError({"at": [gettext("Give the date and time as ISO 8601, e.g. 2030-03-01T10:00:00+00:00.")]})
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at < timezone.now() - GRACE:
        raise ValidationError({"at": [gettext("This time is in the past: schedule the conversation for a time to "
                                              "come.")]})
    return at


def _side_field(flow) -> str:
    return "employee_acknowledged_at" if is_conversation_employee.test(flow.by, flow.obj) else "manager_acknowledged_at"


def _own_side_open(flow) -> bool | Refusal:
    # Without a caller (listing what may run) either side may still be open.
    if flow.by is None or getattr(flow.obj, _side_field(flow)) is None:
        return True
    return Refusal("you have already acknowledged this conversation")


_own_side_open.message = "you have already acknowledged this conversation"


@register
class ConversationFlow(Flow):
    model = Conversation
    state = flow_state(S, default=S.PLANNED)

    @state.transition(source=[S.PLANNED, S.SCHEDULED], target=S.SCHEDULED, label=_("Schedule"),
                      permission=may("reviews.lead_conversation"))
    def schedule(self, at=None, duration_minutes=None) -> None:
        """Set (or move) the time of the conversation; the invite goes out after the commit."""
        self.obj.scheduled_at = _parse_at(at)
        self.extra_update_fields.add("scheduled_at")
        if duration_minutes is not None:
            if isinstance(duration_minutes, bool) or not isinstance(duration_minutes, int) or not (
                5 <= duration_minutes <= 480
            ):
                raise ValidationError({"duration_minutes": ["Give a duration of 5 to 480 minutes."]})
            self.obj.duration_minutes = duration_minutes
            self.extra_update_fields.add("duration_minutes")

    @state.transition(source=S.SCHEDULED, target=S.HELD, label=_("Mark as held"),
                      permission=may("reviews.lead_conversation"))
    def hold(self, notes=None, private_notes=None, actions=None) -> None:
        """The conversation took place: its outcome is recorded with it (not before its time)."""
        if self.obj.scheduled_at is not None and timezone.now() < self.obj.scheduled_at - GRACE:
            raise ValidationError({"scheduled_at": [gettext(
                "The conversation is scheduled for %(at)s: mark it held once it has taken place, or move it to "
                "an earlier time.") % {"at": date_format(timezone.localtime(self.obj.scheduled_at),
                                                          "DATETIME_FORMAT")}]})
        if notes is not None:
            self.obj.notes = str(notes)
        if private_notes is not None:
            self.obj.private_notes = str(private_notes)
        if actions is not None:
            self.obj.actions = clean_actions(actions)
        self.obj.held_at = timezone.now()
        self.extra_update_fields.update({"notes", "private_notes", "actions", "held_at"})

    @state.transition(source=S.HELD, target=State.RETURN_VALUE(S.HELD, S.ACKNOWLEDGED), label=_("Acknowledge"),
                      conditions=[_own_side_open], permission=may("reviews.acknowledge_conversation"))
    def acknowledge(self) -> str:
        """Stamp the caller's side; acknowledged once both sides are stamped. The employee's acknowledgement
        also acknowledges their released review, in the same transaction."""
        field = _side_field(self)
        setattr(self.obj, field, timezone.now())
        self.extra_update_fields.add(field)
        if field == "employee_acknowledged_at":
            review = Review.objects.get(pk=self.obj.review_id)
            if review.state == Review.State.RELEASED:
                run_transition(review, "acknowledge", by=self.by)
        both = self.obj.employee_acknowledged_at and self.obj.manager_acknowledged_at
        return S.ACKNOWLEDGED if both else S.HELD
