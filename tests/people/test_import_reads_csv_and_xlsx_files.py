"""The import reads CSV (comma or semicolon, with or without a byte order mark) and XLSX, counting lines as the file
does."""

import datetime as dt
import io

import pytest

from people.imports import org_file_read
from workflows.org_import import import_org

from .org_files import BASIC, HEADER, csv_file, person, refused, run

pytestmark = pytest.mark.django_db


def test_header_names_are_trimmed_case_insensitive_and_in_any_order():
    header = " Hire_Date ,MANAGER_EMAIL,unit_path,title,Full_Name,Email"
    result = run(csv_file(",,Acme,CEO,Bea Boss,boss@acme.test", "2020-01-02,boss@acme.test,Acme,,Dana,d@acme.test",
                          header=header))
    assert result.ok and result.created == 2
    assert person("d@acme.test").hire_date == dt.date(2020, 1, 2)


def test_a_byte_order_mark_is_ignored():
    result = run(b"\xef\xbb\xbf" + csv_file(*BASIC))
    assert result.ok and result.created == 4


def test_semicolon_separated_files_are_read():
    result = run(csv_file(*(r.replace(",", ";") for r in BASIC), header=HEADER.replace(",", ";")))
    assert result.ok and result.created == 4


def test_blank_lines_are_skipped_but_still_counted():
    errors = refused(csv_file(BASIC[0], "", "x@acme.test,,Engineer,Acme,,"))
    assert errors == ["line 4: full_name is empty"]


def test_xlsx_files_import_like_csv(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Email", "full_name", "title", "unit_path", "manager_email", "hire_date"])
    sheet.append(["boss@acme.test", "Bea Boss", "CEO", "Acme", None, dt.datetime(2019, 5, 1)])
    sheet.append(["dev@acme.test", "Dana Dev", None, "Acme/Engineering", "boss@acme.test", "2021-02-03"])
    path = tmp_path / "org.xlsx"
    book.save(path)

    result = import_org(path, by=None)

    assert result.ok and (result.created, result.units_created) == (2, 2)
    assert person("boss@acme.test").hire_date == dt.date(2019, 5, 1)
    assert person("dev@acme.test").manager.full_name == "Bea Boss"


def test_xlsx_errors_name_the_spreadsheet_row(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["boss@acme.test", "Bea Boss", "CEO", "Acme", None, None])
    book.active.append(["dev@acme.test", "", "Engineer", "Acme", "boss@acme.test", None])
    buffer = io.BytesIO()
    book.save(buffer)

    assert refused(buffer.getvalue(), filename="org.xlsx") == ["line 3: full_name is empty"]


def test_a_damaged_xlsx_file_is_refused_on_line_one():
    assert refused(b"PK\x03\x04 not really a workbook", filename="org.xlsx") == [
        "line 1: the file is not a readable XLSX workbook"
    ]


def test_the_reader_keeps_quoted_commas_and_line_numbers():
    rows = org_file_read(csv_file('"a@acme.test","Boss, Bea","CEO, Acme",Acme,,', "b@acme.test,B,Dev,Acme,,"))
    assert [(r.line, r.full_name) for r in rows] == [(2, "Boss, Bea"), (3, "B")]
