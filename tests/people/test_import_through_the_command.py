"""manage.py import_org: a summary on success, one line per error and exit status 1 on failure."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from people.models import Person, Unit

from .org_files import BASIC, csv_file, org_file_without_sales

pytestmark = pytest.mark.django_db


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
