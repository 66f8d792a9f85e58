"""The org-chart import: every check names its line, nothing is written on error, re-imports change nothing."""

import datetime as dt
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from people.imports import org_file_read
from people.models import Person, Unit, User
from tests.factories import PersonFactory, UnitFactory
from workflows.models import TransitionLog
from workflows.org_import import import_org

pytestmark = pytest.mark.django_db

HEADER = "email,full_name,title,unit_path,manager_email,hire_date"
BASIC = [
    "boss@acme.test,Bea Boss,CEO,Acme,,2019-05-01",
    "eng@acme.test,Eli Eng,Head of Engineering,Acme/Engineering,boss@acme.test,",
    "dev@acme.test,Dana Dev,Engineer,Acme/Engineering/Platform,eng@acme.test,2021-02-03",
    "dev2@acme.test,Dirk Dev,Engineer,Acme/Engineering/Platform,eng@acme.test,",
]


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode() + b"\n"


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "people": Person.objects.count(),
        "units": Unit.objects.count(),
        "logs": TransitionLog.objects.count(),
        "active": Person.objects.filter(state=Person.State.ACTIVE).count(),
        "chart": sorted(Person.objects.values_list("pk", "manager_id", "unit_id", "title", "full_name")),
        "leads": sorted(Unit.objects.values_list("pk", "lead_id")),
    }


def run(data: bytes, **kwargs):
    return import_org(data, filename=kwargs.pop("filename", "org.csv"), **kwargs)


def refused(data: bytes, **kwargs) -> list[str]:
    """Run an import that must fail, check it wrote nothing, and answer its errors as text."""
    before = counts()
    result = run(data, **kwargs)
    assert not result.ok
    assert counts() == before
    return [str(e) for e in result.errors]


def person(email: str) -> Person:
    return Person.objects.select_related("user", "unit", "manager").get(user__email=email)


# The happy path ---------------------------------------------------------------------------------------------------

def test_it_creates_units_people_and_reporting_lines():
    result = run(csv_file(*BASIC))

    assert result.ok and (result.created, result.updated, result.unchanged, result.units_created) == (4, 0, 0, 3)
    platform = Unit.objects.get(path="Acme/Engineering/Platform")
    assert platform.parent.path == "Acme/Engineering" and platform.parent.parent.path == "Acme"
    assert platform.lineage == f"{platform.parent.parent.pk}/{platform.parent.pk}/{platform.pk}/"
    assert (platform.depth, platform.kind, platform.parent.parent.kind) == (2, Unit.Kind.TEAM, Unit.Kind.COMPANY)
    dev = person("dev@acme.test")
    assert (dev.full_name, dev.title, dev.unit) == ("Dana Dev", "Engineer", platform)
    assert dev.hire_date == dt.date(2021, 2, 3)
    assert dev.manager == person("eng@acme.test")
    assert dev.is_under(person("boss@acme.test"))
    assert person("eng@acme.test").hire_date is None
    assert dev.user.is_active and not dev.user.has_usable_password()
    assert not (dev.user.is_staff or dev.user.is_superuser) and dev.user.date_joined is not None
    assert (dev.state, dev.locale) == (Person.State.ACTIVE, "")


def test_emails_are_lower_cased():
    run(csv_file("Boss@Acme.TEST,Bea Boss,CEO,Acme,,", "dev@acme.test,Dana,Engineer,Acme,BOSS@acme.test,"))
    assert person("dev@acme.test").manager == person("boss@acme.test")


def test_reimporting_the_same_file_changes_nothing():
    data = csv_file(*BASIC)
    run(data)
    before = counts()

    result = run(data)

    assert (result.created, result.updated, result.unchanged, result.units_created, result.leads_set) == (0, 0, 4, 0, 0)
    assert counts() == before


def test_it_updates_only_the_people_who_changed():
    run(csv_file(*BASIC))
    changed = [*BASIC[:3], "dev2@acme.test,Dirk Dev,Senior Engineer,Acme/Sales,boss@acme.test,2020-01-01"]

    result = run(csv_file(*changed))

    assert (result.created, result.updated, result.unchanged, result.units_created) == (0, 1, 3, 1)
    dirk = person("dev2@acme.test")
    assert (dirk.title, dirk.unit.path, dirk.manager.user.email) == ("Senior Engineer", "Acme/Sales", "boss@acme.test")
    assert dirk.lineage == f"{person('boss@acme.test').pk}/{dirk.pk}/"


def test_moving_a_manager_moves_the_reporting_paths_of_everyone_under_them(org):
    result = run(csv_file("manager@example.com,Mia Manager,Engineer,Acme/Engineering/Platform,ceo@example.com,"))

    assert result.ok and result.updated == 1
    employee = Person.objects.get(pk=org.employee.pk)  # not in the file, yet their path follows their manager
    assert employee.lineage == f"{org.ceo.pk}/{org.manager.pk}/{org.employee.pk}/"
    assert not employee.is_under(org.skip)


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


def test_several_company_roots_may_live_side_by_side(org):
    result = run(csv_file("boss@other.test,Olga Other,CEO,Other Corp,,", "x@other.test,Xi,Dev,Other Corp/Lab,,"))
    assert result.ok
    assert set(Unit.objects.filter(parent=None).values_list("path", flat=True)) == {"Acme", "Other Corp"}


def test_an_existing_account_without_a_person_gets_one():
    User.objects.create_superuser("admin@acme.test", "secret")
    result = run(csv_file("Admin@acme.test,Ada Admin,IT,Acme,,"))
    assert result.ok and result.created == 1
    assert person("admin@acme.test").user.check_password("secret")
    assert User.objects.count() == 1


# The file and its header ------------------------------------------------------------------------------------------

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


# Row checks -------------------------------------------------------------------------------------------------------

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


def test_a_manager_may_be_in_the_database_and_not_in_the_file(org):
    result = run(csv_file("new@example.com,Nina New,Engineer,Acme/Engineering/Platform,manager@example.com,"))
    assert result.ok and result.created == 1
    nina = person("new@example.com")
    assert nina.manager == org.manager and nina.is_under(org.ceo)


def test_errors_on_a_database_with_people_write_nothing(org):
    refused(csv_file("ceo@example.com,Cora CEO,Boss,Acme,,", "x@example.com,,Dev,Acme/New,ceo@example.com,"),
            deactivate_missing=True)


def test_the_reader_keeps_quoted_commas_and_line_numbers():
    rows = org_file_read(csv_file('"a@acme.test","Boss, Bea","CEO, Acme",Acme,,', "b@acme.test,B,Dev,Acme,,"))
    assert [(r.line, r.full_name) for r in rows] == [(2, "Boss, Bea"), (3, "B")]


# Activation -------------------------------------------------------------------------------------------------------

def org_file_without_sales(org) -> bytes:
    """Everyone of the personas except the outsider (Sales) and HR; Ina Inactive comes back."""
    return csv_file(
        "ceo@example.com,Cora CEO,CEO,Acme,,",
        "skip@example.com,Sam Skip,Engineer,Acme/Engineering,ceo@example.com,",
        "manager@example.com,Mia Manager,Engineer,Acme/Engineering/Platform,skip@example.com,",
        "employee@example.com,Emil Employee,Engineer,Acme/Engineering/Platform,manager@example.com,",
        "peer@example.com,Pia Peer,Engineer,Acme/Engineering/Platform,manager@example.com,",
        "inactive@example.com,Ina Inactive,Engineer,Acme/Engineering/Platform,manager@example.com,",
        "hire@example.com,Hal Hire,Engineer,Acme/Sales,hr@example.com,",
    )


def test_people_missing_from_the_file_are_left_alone_by_default(org):
    result = run(org_file_without_sales(org))
    assert result.ok and result.deactivated == 0
    assert Person.objects.get(pk=org.outsider.pk).active


def test_deactivate_missing_deactivates_people_absent_from_the_file_and_logs_it(org):
    logs = TransitionLog.objects.count()

    result = run(org_file_without_sales(org), deactivate_missing=True, by=org.hr_admin.user)

    # hr@example.com is named as a manager in the file, so she stays.
    gone = {org.outsider.pk, org.hr_partner.pk}
    assert result.ok and set(result.to_deactivate) == gone and result.deactivated == 2
    for pk in gone:
        p = Person.objects.select_related("user").get(pk=pk)
        assert p.state == Person.State.INACTIVE and not p.user.is_active
    assert Person.objects.get(pk=org.hr_admin.pk).active
    person_type = ContentType.objects.get_for_model(Person)
    new_logs = TransitionLog.objects.filter(content_type=person_type, transition="deactivate")
    assert set(new_logs.values_list("object_id", flat=True)) == gone
    assert set(new_logs.values_list("by", flat=True)) == {org.hr_admin.user.pk}
    assert TransitionLog.objects.count() == logs + 3  # two deactivations and Ina's return


def test_an_inactive_person_in_the_file_is_reactivated(org):
    result = run(org_file_without_sales(org))

    ina = Person.objects.select_related("user").get(pk=org.inactive.pk)
    assert result.reactivated == 1 and ina.active and ina.user.is_active
    log = TransitionLog.objects.get(object_id=ina.pk, transition="reactivate")
    assert (log.source, log.target) == ("inactive", "active")


def test_reimporting_with_deactivate_missing_writes_no_more_log_rows(org):
    run(org_file_without_sales(org), deactivate_missing=True)
    before = counts()

    result = run(org_file_without_sales(org), deactivate_missing=True)

    assert (result.created, result.updated, result.deactivated, result.reactivated) == (0, 0, 0, 0)
    assert counts() == before


def test_a_dry_run_reports_the_summary_and_writes_nothing(org):
    before = counts()

    result = run(org_file_without_sales(org), deactivate_missing=True, dry_run=True)

    assert result.ok and result.dry_run
    assert (result.created, result.units_created, result.deactivated, result.reactivated) == (1, 0, 2, 1)
    assert counts() == before


def test_an_importer_who_is_not_hr_admin_is_refused(org):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(org_file_without_sales(org), by=org.employee.user)


# Unit leads -------------------------------------------------------------------------------------------------------

def test_an_empty_unit_lead_goes_to_the_member_reporting_outside_the_unit_with_most_reports():
    result = run(csv_file(
        "boss@acme.test,Bea Boss,CEO,Acme,,",
        "quiet@acme.test,Quinn,Engineer,Acme/Engineering,boss@acme.test,",
        "lead@acme.test,Lee,Engineer,Acme/Engineering,boss@acme.test,",
        "a@acme.test,A,Engineer,Acme/Engineering,lead@acme.test,",
        "b@acme.test,B,Engineer,Acme/Engineering/Platform,lead@acme.test,",
        "c@acme.test,C,Engineer,Acme/Engineering/Platform,b@acme.test,",
    ))
    assert result.ok
    leads = dict(Unit.objects.values_list("path", "lead__user__email"))
    assert leads == {"Acme": "boss@acme.test", "Acme/Engineering": "lead@acme.test",
                     "Acme/Engineering/Platform": "b@acme.test"}


def test_a_lead_still_in_the_unit_is_kept_and_a_lead_who_moved_is_replaced(org):
    org.sales.lead = org.hr_admin  # in Acme, not in Sales
    org.sales.save(update_fields=["lead"])
    run(csv_file("skip@example.com,Sam Skip,Engineer,Acme/Engineering,ceo@example.com,",
                 "employee@example.com,Emil Employee,Engineer,Acme/Engineering,skip@example.com,"))

    assert Unit.objects.get(pk=org.engineering.pk).lead_id == org.skip.pk
    assert Unit.objects.get(pk=org.platform.pk).lead_id == org.manager.pk
    assert Unit.objects.get(pk=org.sales.pk).lead_id == org.outsider.pk


def test_a_lead_who_is_deactivated_by_the_import_is_replaced(org):
    base = [
        "ceo@example.com,Cora CEO,CEO,Acme,,",
        "skip@example.com,Sam Skip,Engineer,Acme/Engineering,ceo@example.com,",
        "employee@example.com,Emil Employee,Engineer,Acme/Engineering/Platform,skip@example.com,",
        "peer@example.com,Pia Peer,Engineer,Acme/Engineering/Platform,employee@example.com,",
    ]
    result = run(csv_file(*base), deactivate_missing=True)

    assert org.manager.pk in result.to_deactivate
    assert Unit.objects.get(pk=org.platform.pk).lead_id == org.employee.pk


# The command ------------------------------------------------------------------------------------------------------

def test_the_command_imports_and_prints_a_summary(tmp_path):
    path = tmp_path / "org.csv"
    path.write_bytes(csv_file(*BASIC))
    out = io.StringIO()

    call_command("import_org", str(path), stdout=out)

    assert "created 4, updated 0, unchanged 0" in out.getvalue() and "units created 3" in out.getvalue()
    assert Person.objects.count() == 4


def test_the_command_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "org.csv"
    path.write_bytes(csv_file(*BASIC))
    out = io.StringIO()

    call_command("import_org", str(path), "--dry-run", stdout=out)

    assert "Dry run" in out.getvalue() and "created 4" in out.getvalue()
    assert Person.objects.count() == 0 and Unit.objects.count() == 0


def test_the_command_exits_1_printing_one_line_per_error(tmp_path, capsys, monkeypatch):
    from django.core.management import base

    from people.management.commands.import_org import Command

    # run_from_argv closes every connection when done, which would end the test's transaction.
    monkeypatch.setattr(base.connections, "close_all", lambda: None)
    path = tmp_path / "org.csv"
    path.write_bytes(csv_file(BASIC[0], "a@acme.test,,Dev,Acme,boss@acme.test,",
                              "b@acme.test,B,Dev,Acme,x@nowhere.test,"))

    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["manage.py", "import_org", str(path)])

    assert exit_.value.code == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "line 3: full_name is empty"
    assert err[1].startswith("line 4: manager x@nowhere.test is neither in the file")
    assert "nothing was imported" in err[2]
    assert Person.objects.count() == 0


def test_the_command_deactivates_missing_people(org, tmp_path):
    path = tmp_path / "org.csv"
    path.write_bytes(org_file_without_sales(org))
    out = io.StringIO()

    call_command("import_org", str(path), "--deactivate-missing", stdout=out)

    assert "deactivated 2" in out.getvalue() and "reactivated 1" in out.getvalue()
    assert not Person.objects.get(pk=org.outsider.pk).active


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file") as exc:
        call_command("import_org", str(tmp_path / "missing.csv"))
    assert exc.value.returncode == 1


# The upload page --------------------------------------------------------------------------------------------------

def upload(client, data: bytes, name: str = "org.csv", **flags):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("people:import_org"), {"file": SimpleUploadedFile(name, data), **flags})


def test_hr_admin_sees_the_upload_page(org, web):
    response = web(org.hr_admin).get(reverse("people:import_org"))
    assert response.status_code == 200
    assert b'type="file"' in response.content and b"deactivate_missing" in response.content


def test_hr_admin_uploads_a_file_and_sees_the_summary(org, web):
    response = upload(web(org.hr_admin), org_file_without_sales(org), deactivate_missing="on")

    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.deactivated, result.reactivated) == (1, 2, 1)
    assert b"import-summary" in response.content
    assert TransitionLog.objects.filter(transition="deactivate", by=org.hr_admin.user).count() == 2


def test_a_dry_run_upload_writes_nothing(org, web):
    before = counts()
    response = upload(web(org.hr_admin), org_file_without_sales(org), deactivate_missing="on", dry_run="on")
    assert response.status_code == 200 and response.context["result"].dry_run
    assert counts() == before


def test_a_bad_upload_answers_400_listing_the_lines(org, web):
    before = counts()
    response = upload(web(org.hr_admin), csv_file(BASIC[0], "a@acme.test,,Dev,Acme,boss@acme.test,",
                                                  "b@acme.test,B,Dev,Acme//X,boss@acme.test,"))
    assert response.status_code == 400
    assert b"line 3" in response.content and b"line 4" in response.content
    assert b"full_name is empty" in response.content
    assert counts() == before


def test_an_upload_without_a_file_answers_400(org, web):
    response = web(org.hr_admin).post(reverse("people:import_org"), {})
    assert response.status_code == 400


def test_an_oversized_upload_answers_400(org, web, monkeypatch):
    monkeypatch.setattr("people.forms.MAX_IMPORT_BYTES", 10)
    response = upload(web(org.hr_admin), csv_file(*BASIC))
    assert response.status_code == 400 and b"larger than" in response.content
    assert Person.objects.filter(user__email="boss@acme.test").count() == 0


@pytest.mark.parametrize("persona", ["employee", "manager", "hr_partner"])
def test_the_upload_page_does_not_exist_for_others(org, web, persona):
    client = web(getattr(org, persona))
    assert client.get(reverse("people:import_org")).status_code == 404
    assert upload(client, org_file_without_sales(org)).status_code == 404
    assert Person.objects.get(pk=org.outsider.pk).active


def test_the_upload_page_needs_a_login(db, client):
    response = client.get(reverse("people:import_org"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_upload_page_refuses_other_methods(org, web):
    assert web(org.hr_admin).put(reverse("people:import_org")).status_code == 405


def test_factories_and_import_agree_on_paths(db):
    acme = UnitFactory(name="Acme")
    PersonFactory(user__email="boss@acme.test", unit=acme)
    result = run(csv_file("boss@acme.test,Bea Boss,CEO,Acme,,"))
    assert result.ok and result.units_created == 0 and result.updated == 1
