import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from documents.models import DownloadLog
from notifications.models import Notification
from okrs.models import CheckIn, DevelopmentGoal, KeyResult, WeeklyPlan
from people.models import Person
from reviews.models import Conversation
from tests.cycles.factories import ObjectiveFactory, make_cycle, walk
from workflows.models import TransitionLog
from workflows.runner import run_transition


def left(person: Person, *, days_ago: int, by: Person) -> Person:
    """Deactivate ``person`` through the flow and date the change ``days_ago`` days back."""
    if person.state == Person.State.ACTIVE:
        person = run_transition(person, "deactivate", by=by.user, reason="left the company")
    TransitionLog.objects.filter(content_type=ContentType.objects.get_for_model(Person), object_id=person.pk).update(
        at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    person.refresh_from_db()
    return person


@pytest.fixture
def released(org):
    """The employee's review, released, with feedback from the peer and the outsider and a conversation."""
    goal = ObjectiveFactory(owner=org.employee, title="Ship the mobile app", description="Native apps for both")
    kr = KeyResult.objects.create(objective=goal, title="Crash-free sessions", target=99, owner=org.employee)
    CheckIn.objects.create(key_result=kr, value=97, confidence=7, note="Fixed the login crash", author=org.employee)
    DevelopmentGoal.objects.create(person=org.employee, title="Public speaking", actions="Talk at the meetup",
                                   period=goal.period)
    WeeklyPlan.objects.create(person=org.employee, week=datetime.date(2030, 1, 7), priorities="Release 2.0")
    cycle = make_cycle(by=org.hr_admin, units=[org.acme])
    review = walk(org, cycle, "released")
    Conversation.objects.create(review=review, notes="Great year", private_notes="Flight risk",
                                actions=["Lead the next release"], employee_feedback="More one-on-ones")
    Notification.objects.create(person=org.employee, key="review:1:x", day=datetime.date(2030, 1, 1),
                                template="task", subject="Write your self-review")
    DownloadLog.objects.create(user=org.manager.user, kind=DownloadLog.Kind.REVIEW_SUMMARY, review=review,
                               subject=org.employee.full_name, object_id=review.pk)
    return review
