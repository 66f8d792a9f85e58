"""A bad file or row refuses the whole import: every error names its line, and nothing is written."""

import pytest

from .org_files import BASIC, HEADER, csv_file, refused

pytestmark = pytest.mark.django_db


def test_an_empty_file_is_refused_on_line_one():
    assert refused(b"") == ["line 1: the file is empty; a header row is required"]


def test_a_missing_column_is_refused_on_line_one():
    errors = refused(csv_file("boss@acme.test,Bea,CEO,Acme,", header="email,full_name,title,unit_path,manager_email"))
    assert len(errors) == 1 and errors[0].startswith("line 1: missing columns: hire_date")


def test_an_unknown_column_is_refused_on_line_one():
    errors = refused(csv_file("b@acme.test,Bea,CEO,Acme,,,x", header=HEADER + ",salary"))
    assert len(errors) == 1 and errors[0].startswith("line 1: unknown columns: salary")


def test_a_file_without_a_header_is_refused_on_line_one():
    errors = refused("\n".join(BASIC).encode())
    assert errors[0].startswith("line 1: unknown columns")


def test_bytes_that_are_not_utf8_are_refused_naming_their_line():
    data = csv_file(BASIC[0], "dev@acme.test,Dana D\xe9v,Engineer,Acme,boss@acme.test,".replace("\xe9", "@"))
    data = data.replace(b"D@v", b"D\xe9v")
    assert refused(data) == ["line 3: the text is not valid UTF-8; save the file as UTF-8"]


def test_a_row_with_more_values_than_columns_is_refused():
    assert refused(csv_file(BASIC[0], "dev@acme.test,Dana,Dev,Engineer,Acme,boss@acme.test,2020-01-01")) == [
        "line 3: 7 values but the header has 6 columns"
    ]


def test_the_row_limit_is_enforced(settings):
    settings.PERFCYCLE_IMPORT_MAX_ROWS = 3
    assert refused(csv_file(*BASIC)) == ["line 5: the file has more than 3 rows"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",Nobody,Dev,Acme,boss@acme.test,", "email is missing"),
        ("not-an-email,Nobody,Dev,Acme,boss@acme.test,", "email 'not-an-email' is not a valid email address"),
        (f"{'x' * 250}@acme.test,X,Dev,Acme,boss@acme.test,", "email is longer than 254 characters"),
        ("x@acme.test,,Dev,Acme,boss@acme.test,", "full_name is empty"),
        ("x@acme.test,X,Dev,Acme,boss@acme.test,2021-13-01", "hire_date '2021-13-01' is not a date as YYYY-MM-DD"),
        ("x@acme.test,X,Dev,Acme,boss@acme.test,01/02/2021", "hire_date '01/02/2021' is not a date as YYYY-MM-DD"),
        ("x@acme.test,X,Dev,Acme,boss@acme.test,2021-2-3", "hire_date '2021-2-3' is not a date as YYYY-MM-DD"),
        ("x@acme.test,X,Dev,Acme,boss@acme.test,２０２１-01-01", "hire_date '２０２１-01-01' is not a date"),
        ("x@acme.test,X,Dev,,boss@acme.test,", "unit_path is empty"),
        ("x@acme.test,X,Dev,Acme//Platform,boss@acme.test,", "unit_path 'Acme//Platform' has an empty part"),
        ("x@acme.test,X,Dev,/Acme,boss@acme.test,", "unit_path '/Acme' has an empty part"),
        ("x@acme.test,X,Dev,Acme,ghost@acme.test,", "manager ghost@acme.test is neither in the file nor an existing"),
        ("x@acme.test,X,Dev,Acme,x@acme.test,", "x@acme.test is their own manager"),
        ("x@acme.test,X,Dev,Acme,boss at acme,", "manager_email 'boss at acme' is not a valid email address"),
    ],
)
def test_each_bad_row_is_refused_naming_its_line(row, message):
    errors = refused(csv_file(BASIC[0], BASIC[1], row, BASIC[2]))
    assert len(errors) == 1
    assert errors[0].startswith(f"line 4: {message}")


def test_it_reports_every_bad_row_at_once():
    errors = refused(csv_file(
        BASIC[0],
        "a@acme.test,,Dev,Acme,boss@acme.test,",
        "b@acme.test,B,Dev,Acme,boss@acme.test,yesterday",
        "c@acme.test,C,Dev,Acme,nobody@acme.test,",
    ))
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4", "line 5"]


def test_a_duplicate_email_names_both_lines():
    errors = refused(csv_file(*BASIC, "ENG@acme.test,Eli Again,Dev,Acme,boss@acme.test,"))
    assert errors == ["line 6: email eng@acme.test is also on line 3"]


def test_it_refuses_a_reporting_loop_within_the_file():
    errors = refused(csv_file(
        BASIC[0],
        "a@acme.test,A,Dev,Acme,b@acme.test,",
        "b@acme.test,B,Dev,Acme,c@acme.test,",
        "c@acme.test,C,Dev,Acme,a@acme.test,",
    ))
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4", "line 5"]
    assert all("reporting loop: a@acme.test → b@acme.test → c@acme.test → a@acme.test" in e for e in errors)


def test_it_refuses_a_loop_through_people_already_in_the_database(org):
    # The CEO would report to an employee who (through people not in the file) reports to the CEO.
    errors = refused(csv_file(
        "someone@example.com,Some One,Dev,Acme,,",
        "ceo@example.com,Cora CEO,CEO,Acme,employee@example.com,",
    ))
    assert len(errors) == 1
    assert errors[0].startswith("line 3: reporting loop: ceo@example.com → employee@example.com → manager@example.com")


def test_it_reports_separate_loops_separately():
    errors = refused(csv_file(
        "a@acme.test,A,Dev,Acme,b@acme.test,",
        "b@acme.test,B,Dev,Acme,a@acme.test,",
        "c@acme.test,C,Dev,Acme,d@acme.test,",
        "d@acme.test,D,Dev,Acme,c@acme.test,",
    ))
    assert [e.split(":")[0] for e in errors] == ["line 2", "line 3", "line 4", "line 5"]


def test_errors_on_a_database_with_people_write_nothing(org):
    refused(csv_file("ceo@example.com,Cora CEO,Boss,Acme,,", "x@example.com,,Dev,Acme/New,ceo@example.com,"),
            deactivate_missing=True)
