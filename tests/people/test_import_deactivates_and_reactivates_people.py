"""The import leaves people missing from the file alone unless asked to deactivate them, reactivates those who are
back, and logs each move."""

import pytest
from django.contrib.contenttypes.models import ContentType

from people.models import Person
from workflows.models import TransitionLog

from .org_files import counts, org_file_without_sales, run

pytestmark = pytest.mark.django_db


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
