"""The org-chart import: read a CSV or XLSX file, validate every row, then upsert people and units set-based.

Nothing is written unless the whole file is valid. State changes (deactivating people missing from the
file, reactivating returning ones) are not made here: the result lists their ids and
``workflows.org_import`` runs them through the transition runner in the same transaction.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from .models import Person, Unit, User
from .services import ReportingLoopError, lineages_from_parents, person_lineages_rebuild, unit_lineages_rebuild

COLUMNS = ("email", "full_name", "title", "unit_path", "manager_email", "hire_date")
MAX_LOOPS_REPORTED = 100
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_PERSON_FIELDS = ("full_name", "title", "unit_id", "manager_id", "hire_date")


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ImportRow:
    line: int
    email: str
    full_name: str
    title: str
    unit_path: str
    manager_email: str
    hire_date: dt.date | None


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


class ImportFileError(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


# Reading ----------------------------------------------------------------------------------------------------------

def org_file_read(data: bytes, *, filename: str = "") -> list[ImportRow | RowError]:
    """The file's data rows, each parsed or refused; raises ImportFileError when the file itself is unreadable."""
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        raw = _xlsx_lines(data)
    elif filename.lower().endswith(".xls"):
        raise ImportFileError([RowError(1, _("old .xls workbooks are not supported; save the file as .xlsx or CSV"))])
    else:
        raw = _csv_lines(data)
    header = next(raw, None)
    if header is None:
        raise ImportFileError([RowError(1, _("the file is empty; a header row is required"))])
    columns = _columns(header[1])
    limit = settings.PERFCYCLE_IMPORT_MAX_ROWS
    out: list[ImportRow | RowError] = []
    for line, cells in raw:
        if not any(cells):
            continue
        if len(out) >= limit:
            raise ImportFileError([RowError(line, _("the file has more than %(n)s rows") % {"n": limit})])
        out.append(_row(line, cells, columns))
    return out


def _csv_lines(data: bytes):
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        bad = []
        for number, chunk in enumerate(data.split(b"\n"), start=1):
            try:
                chunk.decode("utf-8")
            except UnicodeDecodeError:
                bad.append(RowError(number, _("the text is not valid UTF-8; save the file as UTF-8")))
        raise ImportFileError(bad) from None
    first = text.split("\n", 1)[0]
    # Spreadsheets in many locales save CSV with semicolons (or tabs); the header tells which.
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            yield start, [c.strip() for c in cells]
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError([RowError(start, _("unreadable CSV: %(error)s") % {"error": exc})]) from None


def _xlsx_lines(data: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises zip, XML and key errors alike for a damaged workbook
        raise ImportFileError([RowError(1, _("the file is not a readable XLSX workbook"))]) from None
    try:
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    finally:
        book.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    errors = []
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        errors.append(_("unknown columns: %(cols)s") % {"cols": ", ".join(unknown)})
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if twice:
        errors.append(_("columns named twice: %(cols)s") % {"cols": ", ".join(twice)})
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        errors.append(_("missing columns: %(cols)s") % {"cols": ", ".join(missing)})
    if errors:
        expected = ", ".join(COLUMNS)
        raise ImportFileError([RowError(1, f"{m} ({_('the header must be: %(cols)s') % {'cols': expected}})")
                               for m in errors])
    return {name: names.index(name) for name in COLUMNS}


def _row(line: int, cells: list[str], columns: dict[str, int]) -> ImportRow | RowError:
    width = max(columns.values()) + 1
    if len(cells) > width and any(cells[width:]):
        return RowError(line, _("%(n)s values but the header has %(m)s columns") % {"n": len(cells), "m": width})
    value = {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}
    hire_date = None
    if value["hire_date"]:
        try:
            if not _ISO_DATE.fullmatch(value["hire_date"]):
                raise ValueError
            hire_date = dt.date.fromisoformat(value["hire_date"])
        except ValueError:
            return RowError(line, _("hire_date %(v)r is not a date as YYYY-MM-DD") % {"v": value["hire_date"]})
    return ImportRow(line=line, email=value["email"].lower(), full_name=value["full_name"], title=value["title"],
                     unit_path=value["unit_path"], manager_email=value["manager_email"].lower(), hire_date=hire_date)


# Validating -------------------------------------------------------------------------------------------------------

@dataclass
class _Existing:
    """The org chart as it stands, keyed by email, read once."""

    people: dict[str, dict]
    email_of: dict[int, str]
    units: dict[str, tuple[int, str]]  # path → (pk, lineage)


def _existing() -> _Existing:
    rows = Person.objects.values("pk", "user__email", "state", "lineage", *_PERSON_FIELDS)
    people = {r["user__email"].lower(): r for r in rows}
    return _Existing(
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


def _validate(parsed: list[ImportRow | RowError], now: _Existing) -> tuple[list[ImportRow], list[RowError]]:
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


def _loops(rows: list[ImportRow], now: _Existing, first_line: dict[str, int]) -> list[RowError]:
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


# Writing ----------------------------------------------------------------------------------------------------------

def org_import(*, data: bytes, filename: str = "", deactivate_missing: bool = False) -> ImportResult:
    """Validate the whole file, then upsert it; with any error the result carries them all and nothing is written."""
    try:
        parsed = org_file_read(data, filename=filename)
    except ImportFileError as exc:
        return ImportResult(errors=exc.errors)
    now = _existing()
    rows, errors = _validate(parsed, now)
    if errors:
        return ImportResult(errors=errors)
    return _apply(rows, now, deactivate_missing=deactivate_missing)


@transaction.atomic
def _apply(rows: list[ImportRow], now: _Existing, *, deactivate_missing: bool) -> ImportResult:
    """Upsert the validated rows. New rows get their primary keys first, so each is inserted whole (reporting
    and unit paths included) and the rebuilds at the end find nothing left to fix."""
    result = ImportResult()
    units = _units_ensure({r.unit_path for r in rows}, now.units, result)
    new = [r for r in rows if r.email not in now.people]
    pk_of = {email: person["pk"] for email, person in now.people.items()}
    pk_of.update(zip((r.email for r in new), _next_ids(Person, len(new)), strict=True))
    result.created = len(new)

    before = {p["pk"]: p for p in now.people.values()}
    final = {pk: {f: p[f] for f in (*_PERSON_FIELDS, "lineage")} for pk, p in before.items()}
    for row in rows:
        final.setdefault(pk_of[row.email], {}).update(
            full_name=row.full_name, title=row.title, unit_id=units[row.unit_path],
            manager_id=pk_of.get(row.manager_email), hire_date=row.hire_date,
        )
    lineages = lineages_from_parents({pk: values["manager_id"] for pk, values in final.items()})
    for pk, values in final.items():
        values["lineage"] = lineages[pk]
    _people_create(new, pk_of, final)
    _bulk_set(Person, {pk: v for pk, v in final.items() if pk in before and any(before[pk][f] != v[f] for f in v)})
    for row in rows:
        person = now.people.get(row.email)
        if person is None:
            continue
        if any(person[f] != final[person["pk"]][f] for f in _PERSON_FIELDS):
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
    for parts, pk in zip(missing, _next_ids(Unit, len(missing)), strict=True):
        parent = ids.get("/".join(parts[:-1]))
        lineage = f"{parent[1] if parent else ''}{pk}/"
        ids["/".join(parts)] = (pk, lineage)
        kind = Unit.Kind.COMPANY if not parent else Unit.Kind.UNIT if parts in has_children else Unit.Kind.TEAM
        created.append({"id": pk, "name": parts[-1], "path": "/".join(parts), "kind": kind, "lineage": lineage,
                        "parent_id": parent[0] if parent else None, "depth": len(parts) - 1})
    _bulk_insert(Unit, created)
    result.units_created = len(created)
    return {path: ids["/".join(parts)][0] for path, parts in clean.items()}


def _people_create(new: list[ImportRow], pk_of: dict[str, int], final: dict[int, dict[str, Any]]) -> None:
    """Accounts (unless one exists already) and people for the new rows, each inserted with its final values."""
    if not new:
        return
    accounts = {email.lower(): pk for email, pk in User.objects.filter(person__isnull=True).values_list("email", "pk")}
    joining = [r.email for r in new if r.email not in accounts]
    accounts.update(zip(joining, _next_ids(User, len(joining)), strict=True))
    # make_password(None) costs ~80 µs a call; this is the same kind of unusable password, far cheaper.
    _bulk_insert(User, [
        {"id": accounts[email], "email": email, "password": UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)}
        for email in joining
    ])
    _bulk_insert(Person, [{"id": pk_of[r.email], "user_id": accounts[r.email], **final[pk_of[r.email]]} for r in new])


def _next_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve ``count`` primary keys, so new rows can be inserted complete with the paths that contain them."""
    if not count:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, column, count])
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            # The import's transaction holds SQLite's write lock, so nobody takes these numbers meanwhile.
            quote = connection.ops.quote_name
            cursor.execute(
                f"SELECT max(coalesce((SELECT max({quote(column)}) FROM {quote(table)}), 0), "  # noqa: S608
                "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))", [table],
            )
            start = cursor.fetchone()[0] + 1
            return list(range(start, start + count))
    raise NotImplementedError(f"the org import supports PostgreSQL and SQLite, not {connection.vendor}")


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
    _bulk_set(Unit, changed)
    return len(changed)


# Set-based writes through one JSON parameter. Django's bulk_update builds a CASE per row (about 0.6 ms a row on
# PostgreSQL, more on SQLite) and bulk_create spends ~0.1 ms a row preparing values in Python: at 10,000 people
# that alone would use up the import's time budget. Here the database unpacks one JSON document instead; any
# other database falls back to Django's own methods. Identifiers come from the model's metadata and every value
# travels in the parameter.

def _json_source(columns: list[models.Field]) -> tuple[str, list[str]]:
    """A FROM clause reading rows out of one JSON parameter, and the SQL expression of each column in it."""
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        shape = ", ".join(f"{quote(c.attname)} {c.db_type(connection)}" for c in columns)
        return f"jsonb_to_recordset(%s::jsonb) AS v({shape})", [f"v.{quote(c.attname)}" for c in columns]
    return "json_each(%s) AS v", [f"json_extract(v.value, '$.{c.attname}')" for c in columns]


def _json_payload(columns: list[models.Field], rows: list[dict[str, Any]]) -> str:
    return json.dumps([{c.attname: c.get_db_prep_save(row[c.attname], connection) for c in columns} for row in rows],
                      cls=DjangoJSONEncoder)


def _bulk_insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert whole rows (attname → value, primary key included; absent columns take the field's default)."""
    if not rows:
        return
    if connection.vendor not in ("postgresql", "sqlite"):
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=2000)
        return
    quote, columns = connection.ops.quote_name, list(model._meta.concrete_fields)
    defaults = {c.attname: c.get_default() for c in columns}
    source, values = _json_source(columns)
    names = ", ".join(quote(c.column) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({names}) SELECT {', '.join(values)} FROM {source}",  # noqa: S608
            [_json_payload(columns, [defaults | row for row in rows])],
        )


def _bulk_set(model: type[models.Model], values: dict[int, dict[str, Any]]) -> None:
    """Give many rows each their own new values (primary key → attname → value) in one UPDATE."""
    if not values:
        return
    fields = list(next(iter(values.values())))
    if connection.vendor not in ("postgresql", "sqlite"):
        model._default_manager.bulk_update([model(pk=pk, **v) for pk, v in values.items()], fields, batch_size=500)
        return
    meta, quote = model._meta, connection.ops.quote_name
    columns = [meta.pk, *(meta.get_field(f) for f in fields)]
    source, exprs = _json_source(columns)
    sets = ", ".join(f"{quote(c.column)} = {e}" for c, e in zip(columns[1:], exprs[1:], strict=True))
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {sets} FROM {source} WHERE {table}.{quote(meta.pk.column)} = {exprs[0]}",  # noqa: S608
            [_json_payload(columns, [{meta.pk.attname: pk, **v} for pk, v in values.items()])],
        )
