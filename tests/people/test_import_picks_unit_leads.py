"""The import gives every unit a lead: with none, the member reporting outside the unit with the most reports;
a lead still in the unit is kept, one who moved or was deactivated is replaced."""

import pytest

from people.models import Unit

from .org_files import csv_file, run

pytestmark = pytest.mark.django_db


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
