"""Background work of praise (django-tasks): the post to the company's channel, retried after a growing pause."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from notifications.chat import backoff

from . import channel


@task()
def post_praise(praise_id: int) -> str:
    outcome = channel.post(praise_id)
    if outcome == "retry":
        again = post_praise
        attempts = channel.Praise.objects.filter(pk=praise_id).values_list("channel_attempts", flat=True).first() or 1
        if again.get_backend().supports_defer:
            again = again.using(run_after=timezone.now() + datetime.timedelta(seconds=backoff(attempts)))
        # A backend that cannot defer (the tests' immediate one) retries at once: still bounded by the attempts.
        again.enqueue(praise_id)
    return outcome
