"""Background work of privacy (django-tasks): the retention run."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def privacy_retention() -> int:
    """Erase everyone who left more than PRIVACY_RETENTION_DAYS ago; returns how many."""
    return services.retention_run()
