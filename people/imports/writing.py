"""Writing a checked org file: units and people upserted set-based, paths and unit leads filled in."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction

from common.bulk import bulk_insert, bulk_set, next_ids

from ..emails import canonical_email
from ..models import Person, Unit, User
from ..services import lineages_from_parents, person_lineages_rebuild, unit_lineages_rebuild
from .checking import PERSON_FIELDS, Existing, existing, validate
from .reading import ImportFileError, ImportRow, RowError, org_file_read


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    units_created: int = 0
    leads_set: int = 0
    to_deactivate: list[int] = field(default_factory=list)
    to_reactivate: list[int] = field(default_factory=list)
    # Filled in by the workflow once the state changes have run.
    deactivated: int = 0
    reactivated: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def org_import(*, data: bytes, filename: str = "", deactivate_missing: bool = False) -> ImportResult:
    """Validate the whole file, then upsert it; with any error the result carries them all and nothing is written."""
    try:
        parsed = org_file_read(data, filename=filename)
    except ImportFileError as exc:
        return ImportResult(errors=exc.errors)
    now = existing()
    rows, errors = validate(parsed, now)
    if errors:
        return ImportResult(errors=errors)
    return _apply(rows, now, deactivate_missing=deactivate_missing)


@transaction.atomic
def _apply(rows: list[ImportRow], now: Existing, *, deactivate_missing: bool) -> ImportResult:
    """Upsert the validated rows. New rows get their primary keys first, so each is inserted whole (reporting
    and unit paths included) and the rebuilds at the end find nothing left to fix."""
    result = ImportResult()
    units = _units_ensure({r.unit_path for r in rows}, now.units, result)
    new = [r for r in rows if r.email not in now.people]
    pk_of = {email: person["pk"] for email, person in now.people.items()}
    pk_of.update(zip((r.email for r in new), next_ids(Person, len(new)), strict=True))
    result.created = len(new)

    before = {p["pk"]: p for p in now.people.values()}
    final = {pk: {f: p[f] for f in (*PERSON_FIELDS, "lineage")} for pk, p in before.items()}
    for row in rows:
        final.setdefault(pk_of[row.email], {}).update(
            full_name=row.full_name, title=row.title, unit_id=units[row.unit_path],
            manager_id=pk_of.get(row.manager_email), hire_date=row.hire_date,
        )
    lineages = lineages_from_parents({pk: values["manager_id"] for pk, values in final.items()})
    for pk, values in final.items():
        values["lineage"] = lineages[pk]
    _people_create(new, pk_of, final)
    bulk_set(Person, {pk: v for pk, v in final.items() if pk in before and any(before[pk][f] != v[f] for f in v)})
    for row in rows:
        person = now.people.get(row.email)
        if person is None:
            continue
        if any(person[f] != final[person["pk"]][f] for f in PERSON_FIELDS):
            result.updated += 1
        else:
            result.unchanged += 1
        if person["state"] == Person.State.INACTIVE:
            result.to_reactivate.append(person["pk"])

    if deactivate_missing:
        # Someone named as a manager in the file is in it, even without a line of their own.
        named = {r.email for r in rows} | {r.manager_email for r in rows}
        result.to_deactivate = sorted(
            p["pk"] for email, p in now.people.items() if email not in named and p["state"] == Person.State.ACTIVE
        )
    unit_lineages_rebuild()
    person_lineages_rebuild()
    result.leads_set = _unit_leads_fill(leaving=set(result.to_deactivate), returning=set(result.to_reactivate))
    return result


def _units_ensure(paths: set[str], known: dict[str, tuple[int, str]], result: ImportResult) -> dict[str, int]:
    """Primary keys of every unit path, creating the missing ones (and their ancestors), parents first."""
    clean = {path: tuple(p.strip() for p in path.split("/")) for path in paths}
    wanted = {parts[:depth] for parts in clean.values() for depth in range(1, len(parts) + 1)}
    missing = sorted((p for p in wanted if "/".join(p) not in known), key=lambda p: (len(p), p))
    has_children = {p[:-1] for p in wanted}
    ids = dict(known)
    created = []
    for parts, pk in zip(missing, next_ids(Unit, len(missing)), strict=True):
        parent = ids.get("/".join(parts[:-1]))
        lineage = f"{parent[1] if parent else ''}{pk}/"
        ids["/".join(parts)] = (pk, lineage)
        kind = Unit.Kind.COMPANY if not parent else Unit.Kind.UNIT if parts in has_children else Unit.Kind.TEAM
        created.append({"id": pk, "name": parts[-1], "path": "/".join(parts), "kind": kind, "lineage": lineage,
                        "parent_id": parent[0] if parent else None, "depth": len(parts) - 1})
    bulk_insert(Unit, created)
    result.units_created = len(created)
    return {path: ids["/".join(parts)][0] for path, parts in clean.items()}


def _people_create(new: list[ImportRow], pk_of: dict[str, int], final: dict[int, dict[str, Any]]) -> None:
    """Accounts (unless one exists already) and people for the new rows, each inserted with its final values."""
    if not new:
        return
    accounts = {canonical_email(email): pk
                for email, pk in User.objects.filter(person__isnull=True).values_list("email", "pk")}
    joining = [r.email for r in new if r.email not in accounts]
    accounts.update(zip(joining, next_ids(User, len(joining)), strict=True))
    # make_password(None) costs ~80 µs a call; this is the same kind of unusable password, far cheaper.
    bulk_insert(User, [
        {"id": accounts[email], "email": email, "password": UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)}
        for email in joining
    ])
    bulk_insert(Person, [{"id": pk_of[r.email], "user_id": accounts[r.email], **final[pk_of[r.email]]} for r in new])


def _unit_leads_fill(*, leaving: set[int], returning: set[int]) -> int:
    """Give each unit whose lead is empty or gone the member whose manager is outside it (most reports wins)."""
    staying: dict[int, int | None] = {}
    managers: dict[int, int | None] = {}
    for pk, unit, manager, state in Person.objects.values_list("pk", "unit_id", "manager_id", "state"):
        if pk not in leaving and (state == Person.State.ACTIVE or pk in returning):
            staying[pk], managers[pk] = unit, manager
    reports = Counter(m for pk, m in managers.items() if m in staying)
    best: dict[int, int] = {}
    for pk in sorted(staying, key=lambda pk: (-reports[pk], pk)):
        unit = staying[pk]
        if unit is not None and unit not in best and staying.get(managers[pk]) != unit:
            best[unit] = pk
    changed = {
        unit: {"lead_id": best.get(unit)}
        for unit, lead in Unit.objects.values_list("pk", "lead_id")
        if (lead is None or staying.get(lead) != unit) and best.get(unit) != lead
    }
    bulk_set(Unit, changed)
    return len(changed)
