"""Background work of meetings (django-tasks): keep the calendar filled and remind the attendees."""

from __future__ import annotations

from django_tasks import task

from . import notifications, services


@task()
def meetings_plan() -> dict[str, int]:
    """Generate the coming occurrences of every series, then queue the reminders due (run it hourly)."""
    return {"meetings": services.occurrences_generate(), "reminders": notifications.meeting_reminders()}
