"""The scenario's praise, feedback, ask and note (tests/trust/scenario.py adds them to its cast's world).

The peer (the ``respondent`` persona) praises the employee for a company value and gives feedback about them
twice, once private to the manager and once shared; the employee asks the peer for feedback about themselves;
the manager keeps a private note about the employee. All of it falls in the current quarter: the period of the
scenario's review, so it is the review's evidence too.
"""

from __future__ import annotations

from continuous.models import CompanyValue
from continuous.services import feedback_ask_create, feedback_create, note_create, praise_create

NOTE_TEXT = "Wants to lead the API rewrite"
PRIVATE_TEXT = "Rushes the reviews of colleagues' code"
SHARED_TEXT = "The demo to the customer was clear"


def continuous_objects(org) -> dict:
    # The installation's values come from a data migration, which a flushing (transactional) test wipes.
    CompanyValue.objects.get_or_create(code="ownership", defaults={"names": {"en": "Ownership"}, "position": 1})
    praise = praise_create(by=org.peer.user, recipients=[org.employee.pk], message="Thanks for the late fix",
                           value="ownership")
    feedback = feedback_create(by=org.peer.user, about=org.employee.pk, text=PRIVATE_TEXT,
                               visibility="private_to_manager")
    shared = feedback_create(by=org.peer.user, about=org.employee.pk, text=SHARED_TEXT,
                             visibility="shared_with_person")
    ask = feedback_ask_create(by=org.employee.user, about=org.employee.pk, respondents=[org.peer.pk],
                              question="How did my planning of the launch go?")
    note = note_create(by=org.manager.user, about=org.employee.pk, text=NOTE_TEXT)
    return {"praise": praise, "feedback": feedback, "shared_feedback": shared, "ask": ask, "manager_note": note}
