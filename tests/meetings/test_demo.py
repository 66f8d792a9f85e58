"""The demo meetings: every unit's cadence, every manager's one-on-ones, content that rolls over."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from meetings import demo
from meetings.models import ActionItem, Meeting, Series, TalkingPoint
from meetings.services import occurrences_generate
from people.demo import seed_org
from people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_sets_up_every_units_cadence_and_every_one_on_one():
    today = timezone.localdate()
    org = seed_org(employees=60, seed=3, today=today)
    demo.meetings(org, random.Random("3:meetings"))

    assert Series.objects.filter(unit__isnull=False).count() == 3 * len(org.units)
    pairs = set(Person.objects.filter(manager__isnull=False).values_list("manager_id", "pk"))
    assert set(Series.objects.filter(kind="one_on_one").values_list("manager_id", "report_id")) == pairs
    now = timezone.now()
    assert Meeting.objects.filter(scheduled_at__lt=now).exists()
    assert Meeting.objects.filter(scheduled_at__gte=now).exists()
    assert occurrences_generate(since=today - dt.timedelta(days=56), until=today + dt.timedelta(days=28)) == 0
    mine = Series.objects.get(manager=org.manager, report=org.employee)
    assert TalkingPoint.objects.filter(series=mine).exists()
    assert ActionItem.objects.filter(series=mine).exists()
    presenters = set(Meeting.objects.filter(series__kind="monthly_review", series__unit=org.manager.unit)
                     .values_list("presenter_id", flat=True))
    assert presenters and presenters <= set(Person.objects.filter(unit=org.manager.unit).values_list("pk", flat=True))
