"""Reading an org file: CSV (UTF-8, with or without BOM; comma, semicolon or tab) or XLSX, into rows or row errors.

An XLSX workbook is a zip archive: a few megabytes can unpack to gigabytes (a 2.7 MB file unpacking to 1 GB once
took 83 s and 0.8 GB of memory), so the archive's own directory is checked before openpyxl opens it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..emails import canonical_email

COLUMNS = ("email", "full_name", "title", "unit_path", "manager_email", "hire_date")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# A 200,000-row sheet (the row limit) as openpyxl writes it, with inline strings, unpacks to about 94 MB.
MAX_XLSX_UNPACKED = 128 * 1024 * 1024
# Real workbooks pack 5 to 20 times; a zip bomb hundreds. Small parts (styles, themes) may pack as they like.
MAX_XLSX_RATIO = 100
RATIO_FROM = 1024 * 1024


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


class ImportFileError(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


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
    refused = _null_error(*header)
    if refused:
        raise ImportFileError([refused])
    columns = _columns(header[1])
    limit = settings.PERFCYCLE_IMPORT_MAX_ROWS
    out: list[ImportRow | RowError] = []
    for line, cells in raw:
        # Blank lines are bounded too: a sheet may number its rows in the billions, and each gap is read.
        if not any(cells) and line <= 2 * limit + 1:
            continue
        if len(out) >= limit or line > 2 * limit + 1:
            raise ImportFileError([RowError(line, _("the file has more than %(n)s rows") % {"n": limit})])
        out.append(_null_error(line, cells) or _row(line, cells, columns))
    return out


def _null_error(line: int, cells: list[str]) -> RowError | None:
    """PostgreSQL cannot store a NUL character in text: the row is refused with the rest of the file."""
    if any("\x00" in cell for cell in cells):
        return RowError(line, _("the row holds a null character (\\0), which cannot be stored"))
    return None


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


def _xlsx_bounds(data: bytes) -> None:
    """Refuse a workbook that unpacks to more than an org chart needs, from the sizes its zip directory declares
    (zipfile reads no member beyond its declared size), before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ImportFileError([RowError(1, _("the file is not a readable XLSX workbook"))]) from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_XLSX_UNPACKED:
        raise ImportFileError([RowError(1, _("the workbook unpacks to %(size)s, more than the %(limit)s an org chart "
                                             "needs; save it as CSV or split it") % {
            "size": filesizeformat(unpacked), "limit": filesizeformat(MAX_XLSX_UNPACKED)})])
    for member in members:
        if member.file_size > RATIO_FROM and member.file_size > MAX_XLSX_RATIO * max(member.compress_size, 1):
            raise ImportFileError([RowError(1, _("the workbook's part %(part)s unpacks %(ratio)s times its packed "
                                                 "size, which no spreadsheet does; save it as CSV") % {
                "part": member.filename, "ratio": member.file_size // max(member.compress_size, 1)})])


def _xlsx_lines(data: bytes):
    _xlsx_bounds(data)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        # The sheet's declared size is not trusted: with it, openpyxl pads every row to its width and the sheet
        # to its height. Without it, a row is as wide as its cells and the sheet ends with its last row.
        sheet.reset_dimensions()
    except Exception:  # openpyxl raises zip, XML and key errors alike for a damaged workbook
        raise ImportFileError([RowError(1, _("the file is not a readable XLSX workbook"))]) from None
    number = 0
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # noqa: B007 (read below)
            yield number, [_cell_text(v) for v in values]
    except ImportFileError:
        raise
    except Exception:  # the sheet's XML is read as the rows are: damage further down surfaces here
        raise ImportFileError([RowError(number + 1, _("the file is not a readable XLSX workbook"))]) from None
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
    return ImportRow(line=line, email=canonical_email(value["email"]), full_name=value["full_name"],
                     title=value["title"], unit_path=value["unit_path"],
                     manager_email=canonical_email(value["manager_email"]), hire_date=hire_date)
