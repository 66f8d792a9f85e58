"""An org file is bounded before it is read: an XLSX by what its zip unpacks to, any file by its rows, and a row
holding a NUL character (which PostgreSQL cannot store) refuses the whole file on its line."""

import io
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest
from openpyxl import Workbook

from people.imports import org_file_read
from people.imports.reading import MAX_XLSX_UNPACKED
from people.models import User

from .org_files import BASIC, HEADER, csv_file, refused, run

pytestmark = pytest.mark.django_db

ROW = b'<row><c t="inlineStr"><is><t>x@acme.test</t></is></c></row>'
PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    b'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    b'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="org" '
    b'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def _repeated(chunk: bytes, times: int, head: bytes, tail: bytes) -> tuple[bytes, int, int]:
    """``head + chunk * times + tail`` deflated without deflating it all: after a full flush each chunk packs to
    the same bytes, so one packed chunk is repeated (a real stream: zipfile unpacks it to the very bytes)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    packed = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return start + packed * times + end, zlib.crc32(tail, crc), len(head) + len(chunk) * times + len(tail)


def _zip(members: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip archive of already deflated members (name → packed bytes, CRC, unpacked size)."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, (packed, crc, size) in members.items():
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(packed), size, len(encoded), 0))
        out.write(encoded + packed)
        directory.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(packed), size,
                                    len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start, central = out.tell(), directory.getvalue()
    out.write(central)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0))
    return out.getvalue()


def workbook(sheet: tuple[bytes, int, int]) -> bytes:
    return _zip({**{name: _deflated(data) for name, data in PARTS.items()}, "xl/worksheets/sheet1.xml": sheet})


SHEET_HEAD = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """About 3 MB on the wire that unpack to 1 GB of rows, as the one that once took 83 s and 0.8 GB to refuse."""
    chunk = ROW * (1024 * 1024 // len(ROW))
    return workbook(_repeated(chunk, 1025, SHEET_HEAD, SHEET_TAIL))


def xlsx(*rows: list) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_hand_made_workbooks_are_real_ones():
    small = workbook(_repeated(ROW, 3, SHEET_HEAD + b"<row>" + b"".join(
        b'<c t="inlineStr"><is><t>%s</t></is></c>' % name.encode() for name in HEADER.split(",")) + b"</row>",
        SHEET_TAIL))
    with zipfile.ZipFile(io.BytesIO(small)) as archive:
        assert archive.testzip() is None
    rows = org_file_read(small, filename="org.xlsx")
    assert [(r.line, r.email) for r in rows] == [(2, "x@acme.test"), (3, "x@acme.test"), (4, "x@acme.test")]


def test_a_workbook_unpacking_to_a_gigabyte_is_refused_before_it_is_read(bomb):
    assert 2_000_000 < len(bomb) < 4_000_000
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert sum(m.file_size for m in archive.infolist()) > 1024 ** 3
    tracemalloc.start()
    started = time.perf_counter()
    errors = refused(bomb, filename="org.xlsx")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(errors) == 1 and errors[0].startswith("line 1: the workbook unpacks to 1.0")
    assert "more than the 128.0\xa0MB an org chart needs" in errors[0]
    assert elapsed < 2  # it took 83 s
    assert peak < 64 * 1024 * 1024  # it took 0.8 GB


def test_a_part_packed_hundreds_of_times_over_is_refused_however_small(bomb):
    chunk = ROW * (1024 * 1024 // len(ROW))
    dense = workbook(_repeated(chunk, 8, SHEET_HEAD, SHEET_TAIL))  # 8 MB, far below the size bound
    with zipfile.ZipFile(io.BytesIO(dense)) as archive:
        assert sum(m.file_size for m in archive.infolist()) < MAX_XLSX_UNPACKED
    errors = refused(dense, filename="org.xlsx")
    assert len(errors) == 1 and errors[0].startswith("line 1: the workbook's part xl/worksheets/sheet1.xml unpacks")


def test_a_real_workbook_still_imports():
    result = run(xlsx(HEADER.split(","), *(row.split(",") for row in BASIC)), filename="org.xlsx")
    assert result.ok and result.created == 4


def test_a_sheet_declaring_a_huge_size_is_read_by_its_cells():
    sheet = (SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
             + b"<row r=\"1\">" + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % n.encode()
                                         for n in HEADER.split(",")) + b"</row>" + SHEET_TAIL)
    started = time.perf_counter()
    assert org_file_read(workbook(_deflated(sheet)), filename="org.xlsx") == []
    assert time.perf_counter() - started < 2


def test_rows_numbered_in_the_billions_stop_at_the_row_bound(settings):
    settings.PERFCYCLE_IMPORT_MAX_ROWS = 1000
    header = b"<row r=\"1\">" + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % n.encode()
                                         for n in HEADER.split(",")) + b"</row>"
    far = b'<row r="4000000000"><c t="inlineStr"><is><t>x@acme.test</t></is></c></row>'
    started = time.perf_counter()
    errors = refused(workbook(_deflated(SHEET_HEAD + header + far + SHEET_TAIL)), filename="org.xlsx")
    assert errors == ["line 2002: the file has more than 1000 rows"]
    assert time.perf_counter() - started < 2


def test_a_csv_row_with_a_null_character_refuses_the_file_on_its_line():
    errors = refused(csv_file(BASIC[0], "dev@acme.test,Dana\x00Dev,Engineer,Acme,boss@acme.test,"))
    assert errors == ["line 3: the row holds a null character (\\0), which cannot be stored"]


def test_a_null_character_in_the_header_refuses_the_file_on_line_one():
    errors = refused(csv_file(*BASIC, header=HEADER.replace("title", "ti\x00tle")))
    assert errors == ["line 1: the row holds a null character (\\0), which cannot be stored"]


def test_a_null_character_in_a_workbook_refuses_it_on_its_line():
    # XML cannot hold a NUL at all: the sheet is unreadable from that row on, found as the rows are read.
    cells = [HEADER.split(","), *(row.split(",") for row in BASIC[:2]), ["dev@acme.test", "Dana&#0;Dev"]]
    rows = b"".join(b"<row>" + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % v.encode() for v in row)
                    + b"</row>" for row in cells)
    sheet = SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:F4"/><sheetData>') + rows + SHEET_TAIL
    errors = refused(workbook(_deflated(sheet)), filename="org.xlsx")
    assert errors == ["line 4: the file is not a readable XLSX workbook"]


def test_an_email_is_read_in_its_one_spelling():
    result = run(csv_file("  BOSS@Acme.TEST ,Bea Boss,CEO,Acme,,",
                          "ｄｅｖ@acme.test,Dana Dev,Dev,Acme,Boss@acme.test,"))
    assert result.ok and result.created == 2
    assert sorted(User.objects.filter(email__endswith="acme.test").values_list("email", flat=True)) == [
        "boss@acme.test", "dev@acme.test"]
