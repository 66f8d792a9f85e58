"""The continuous world on the shared org: the peer praises the employee and gives feedback about them twice
(private to the manager, shared with them), the employee asks the peer about themselves, the manager keeps
a private note about the employee, the skip-level manager one about the manager."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from continuous.models import CompanyValue, Feedback, FeedbackAsk, ManagerNote, Praise
from continuous.services import feedback_ask_create, feedback_create, note_create, praise_create

PRIVATE = "Rushes the reviews of colleagues' code"
SHARED = "The demo to the customer was clear"
NOTE = "Wants to lead the API rewrite"
SKIP_NOTE = "Ready for a bigger team"


@dataclass
class World:
    praise: Praise
    private: Feedback
    shared: Feedback
    ask: FeedbackAsk
    note: ManagerNote
    skip_note: ManagerNote


@pytest.fixture
def value(db):
    return CompanyValue.objects.get_or_create(code="ownership", defaults={
        "names": {"en": "Ownership", "ru": "Ответственность", "zh-hans": "主人翁"}, "position": 1})[0]


@pytest.fixture
def world(org, value, django_capture_on_commit_callbacks) -> World:
    with django_capture_on_commit_callbacks(execute=True):
        praise = praise_create(by=org.peer.user, recipients=[org.employee.pk], message="Thanks for the late fix",
                               value="ownership")
        private = feedback_create(by=org.peer.user, about=org.employee.pk, text=PRIVATE,
                                  visibility="private_to_manager")
        shared = feedback_create(by=org.peer.user, about=org.employee.pk, text=SHARED,
                                 visibility="shared_with_person")
        ask = feedback_ask_create(by=org.employee.user, about=org.employee.pk, respondents=[org.peer.pk],
                                  question="How did my planning of the launch go?")
        note = note_create(by=org.manager.user, about=org.employee.pk, text=NOTE)
        skip_note = note_create(by=org.skip.user, about=org.manager.pk, text=SKIP_NOTE)
    return World(praise, private, shared, ask, note, skip_note)


PERSONAS = ("employee", "peer", "manager", "skip", "outsider", "hr_partner", "hr_admin")
