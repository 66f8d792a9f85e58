"""Checking an org file against itself and the org chart as it stands, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ..emails import canonical_email
from ..models import Person, Unit
from ..services import ReportingLoopError, lineages_from_parents
from .reading import ImportRow, RowError

MAX_LOOPS_REPORTED = 100
PERSON_FIELDS = ("full_name", "title", "unit_id", "manager_id", "hire_date")


@dataclass
class Existing:
    """The org chart as it stands, keyed by email, read once."""

    people: dict[str, dict]
    email_of: dict[int, str]
    units: dict[str, tuple[int, str]]  # path → (pk, lineage)


def existing() -> Existing:
    rows = Person.objects.values("pk", "user__email", "state", "lineage", *PERSON_FIELDS)
    people = {canonical_email(r["user__email"]): r for r in rows}
    return Existing(
        people=people,
        email_of={r["pk"]: email for email, r in people.items()},
        units={path: (pk, lineage) for path, pk, lineage in Unit.objects.values_list("path", "pk", "lineage")},
    )


def _unit_path_error(path: str) -> str | None:
    if not path:
        return _("unit_path is empty")
    parts = path.split("/")
    if any(not p.strip() for p in parts):
        return _("unit_path %(v)r has an empty part (write it like Acme/Engineering/Platform)") % {"v": path}
    if len(path) > 1000 or any(len(p.strip()) > 200 for p in parts):
        return _("unit_path %(v)r is too long") % {"v": path}
    return None


def _email_error(email: str, column: str) -> str | None:
    if not email:
        return _("%(col)s is missing") % {"col": column}
    if len(email) > 254:
        return _("%(col)s is longer than 254 characters") % {"col": column}
    try:
        validate_email(email)
    except ValidationError:
        return _("%(col)s %(v)r is not a valid email address") % {"col": column, "v": email}
    return None


def validate(parsed: list[ImportRow | RowError], now: Existing) -> tuple[list[ImportRow], list[RowError]]:
    errors = [r for r in parsed if isinstance(r, RowError)]
    rows = [r for r in parsed if isinstance(r, ImportRow)]
    first_line: dict[str, int] = {}
    for row in rows:
        if row.email and row.email not in first_line:
            first_line[row.email] = row.line
    for row in rows:
        problems = [
            _email_error(row.email, "email"),
            _("full_name is empty") if not row.full_name else None,
            _("full_name is longer than 200 characters") if len(row.full_name) > 200 else None,
            _("title is longer than 200 characters") if len(row.title) > 200 else None,
            _unit_path_error(row.unit_path),
        ]
        if row.email and first_line.get(row.email) != row.line:
            problems.append(_("email %(e)s is also on line %(n)s") % {"e": row.email, "n": first_line[row.email]})
        if row.manager_email:
            if row.manager_email == row.email:
                problems.append(_("%(e)s is their own manager") % {"e": row.email})
            elif row.manager_email in first_line or row.manager_email in now.people:
                pass  # a known person; their own line (if any) answers for their email
            elif bad := _email_error(row.manager_email, "manager_email"):
                problems.append(bad)
            else:
                problems.append(_("manager %(m)s is neither in the file nor an existing person") % {
                    "m": row.manager_email})
        errors.extend(RowError(row.line, p) for p in problems if p)
    errors.extend(_loops(rows, now, first_line))
    return rows, sorted(errors, key=lambda e: e.line)


def _loops(rows: list[ImportRow], now: Existing, first_line: dict[str, int]) -> list[RowError]:
    """Reporting loops in the chart as it would be: the file's lines over the people it leaves alone."""
    parents: dict[str, str | None] = {
        email: now.email_of.get(person["manager_id"]) for email, person in now.people.items()
    }
    for row in rows:
        known = row.manager_email in first_line or row.manager_email in now.people
        if row.email and first_line[row.email] == row.line:
            parents[row.email] = row.manager_email if known and row.manager_email != row.email else None
    errors: list[RowError] = []
    for _round in range(MAX_LOOPS_REPORTED):
        try:
            lineages_from_parents(parents)  # type: ignore[arg-type]  # emails as node keys
            return errors
        except ReportingLoopError as exc:
            chain = [exc.person_ids[0]]
            while (nxt := parents[chain[-1]]) != chain[0]:
                chain.append(nxt)
            text = " → ".join([*chain, chain[0]])
            errors.extend(RowError(first_line[e], _("reporting loop: %(chain)s") % {"chain": text})
                          for e in chain if e in first_line)
            for email in chain:
                parents[email] = None
    errors.append(RowError(1, _("more than %(n)s reporting loops; fix these first") % {"n": MAX_LOOPS_REPORTED}))
    return errors
