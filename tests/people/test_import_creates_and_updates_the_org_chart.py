"""Importing the org chart creates units, people and reporting lines, updates only what changed, and a re-import
changes nothing."""

import datetime as dt

import pytest

from people.models import Person, Unit, User
from tests.factories import PersonFactory, UnitFactory

from .org_files import BASIC, counts, csv_file, person, run

pytestmark = pytest.mark.django_db


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


def test_a_manager_may_be_in_the_database_and_not_in_the_file(org):
    result = run(csv_file("new@example.com,Nina New,Engineer,Acme/Engineering/Platform,manager@example.com,"))
    assert result.ok and result.created == 1
    nina = person("new@example.com")
    assert nina.manager == org.manager and nina.is_under(org.ceo)


def test_factories_and_import_agree_on_paths(db):
    acme = UnitFactory(name="Acme")
    PersonFactory(user__email="boss@acme.test", unit=acme)
    result = run(csv_file("boss@acme.test,Bea Boss,CEO,Acme,,"))
    assert result.ok and result.units_created == 0 and result.updated == 1
