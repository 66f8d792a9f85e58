"""The org-chart import as one transaction: upsert people and units, then move the state of who left or returned."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from people.imports import ImportResult, org_import
from people.models import Person

from .participants import cycles_sync_later
from .person import people_set_active


def import_org(
    file_bytes_or_path: bytes | str | Path,
    *,
    filename: str | None = None,
    by=None,
    deactivate_missing: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Import a CSV or XLSX org chart; on any error, or with ``dry_run``, nothing stays written.

    ``by`` is the HR admin running it (None from the command line). People absent from the file are
    deactivated only with ``deactivate_missing``; people in the file who were inactive come back.
    """
    if by is not None and not by.has_perm("people.import_org"):
        raise PermissionDenied("only HR admins import the org chart")
    if isinstance(file_bytes_or_path, bytes):
        data = file_bytes_or_path
    else:
        path = Path(file_bytes_or_path)
        data = path.read_bytes()
        filename = filename or path.name
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Two imports at once would both plan against the same snapshot; the second waits for the first.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('perfcycle.import_org'))")
        result = org_import(data=data, filename=filename or "", deactivate_missing=deactivate_missing)
        if result.ok:
            result.reactivated = len(people_set_active(
                Person.objects.filter(pk__in=result.to_reactivate), active=True, by=by,
                reason="back in the imported org chart",
            ))
            result.deactivated = len(people_set_active(
                Person.objects.filter(pk__in=result.to_deactivate), active=False, by=by,
                reason="absent from the imported org chart",
            ))
        if dry_run or not result.ok:
            result.dry_run = dry_run
            transaction.set_rollback(True)
        else:
            # Joiners, leavers and new managers reach every running cycle, after commit, in a worker.
            cycles_sync_later(by=by)
    return result
