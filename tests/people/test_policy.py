"""The one access policy: self, management chain at any depth, HR partner units (inherited), HR admin."""

import pytest

from people.models import Person
from people.roles import roles_of
from people.selectors import people_in_scope_of, people_visible_to
from people.services import role_grant, role_revoke

pytestmark = pytest.mark.django_db


def scope_names(person: Person) -> set[str]:
    return set(people_in_scope_of(person.user).values_list("full_name", flat=True))


def test_an_employee_sees_only_themselves_in_private_scope(org):
    assert scope_names(org.employee) == {"Emil Employee"}


def test_a_manager_sees_their_reports_and_themselves(org):
    assert scope_names(org.manager) == {"Mia Manager", "Emil Employee", "Pia Peer", "Ina Inactive"}


def test_a_skip_level_manager_sees_reports_at_any_depth(org):
    names = scope_names(org.skip)
    assert {"Sam Skip", "Mia Manager", "Emil Employee", "Pia Peer"} <= names
    assert "Otto Outsider" not in names
    assert "Cora CEO" not in names


def test_the_top_of_the_chain_sees_everyone_below(org):
    assert scope_names(org.ceo) == set(Person.objects.values_list("full_name", flat=True))


def test_an_hr_partner_sees_their_units_and_the_units_below_them(org):
    names = scope_names(org.hr_partner)
    # Engineering is granted; Platform lies under it and inherits the grant.
    assert {"Sam Skip", "Mia Manager", "Emil Employee", "Pia Peer", "Ina Inactive", "Hana Partner"} <= names
    assert "Otto Outsider" not in names
    assert "Cora CEO" not in names


def test_an_hr_admin_sees_everyone(org):
    assert scope_names(org.hr_admin) == set(Person.objects.values_list("full_name", flat=True))


def test_an_outsider_sees_nobody_else_privately(org):
    assert scope_names(org.outsider) == {"Otto Outsider"}


@pytest.mark.parametrize(
    ("viewer", "subject", "allowed"),
    [
        ("employee", "employee", True),
        ("employee", "peer", False),
        ("employee", "manager", False),
        ("manager", "employee", True),
        ("skip", "employee", True),
        ("ceo", "employee", True),
        ("outsider", "employee", False),
        ("hr_partner", "employee", True),
        ("hr_partner", "outsider", False),
        ("hr_admin", "outsider", True),
        ("peer", "employee", False),
    ],
)
def test_has_perm_view_private_follows_the_scope(org, viewer, subject, allowed):
    viewer_user = getattr(org, viewer).user
    subject_person = getattr(org, subject)
    assert viewer_user.has_perm("people.view_private", subject_person) is allowed
    assert people_in_scope_of(viewer_user).filter(pk=subject_person.pk).exists() is allowed


def test_every_member_reads_the_directory_but_a_user_without_a_person_does_not(org, django_user_model):
    assert people_visible_to(org.employee.user).count() == Person.objects.count()
    stranger = django_user_model.objects.create_user(email="stranger@example.com", password="x")
    assert people_visible_to(stranger).count() == 0
    assert not stranger.has_perm("people.view_person", org.employee)


def test_roles_are_derived_and_granted(org):
    assert roles_of(org.employee.user).names() == ["employee"]
    assert roles_of(org.manager.user).names() == ["employee", "manager"]
    assert roles_of(org.hr_partner.user).names() == ["employee", "hr_partner"]
    assert roles_of(org.hr_admin.user).names() == ["employee", "hr_admin"]


def test_revoking_the_partner_role_removes_the_scope(org):
    role_revoke(user=org.hr_partner.user, role="hr_partner", unit=org.engineering)
    assert scope_names(org.hr_partner) == {"Hana Partner"}
    role_grant(user=org.hr_partner.user, role="hr_partner", unit=org.platform)
    assert "Sam Skip" not in scope_names(org.hr_partner)
    assert "Emil Employee" in scope_names(org.hr_partner)


def test_roles_are_computed_once_per_user_object(org, django_assert_num_queries):
    user = org.manager.user
    roles_of(user)
    with django_assert_num_queries(0):
        roles_of(user)
        user.has_perm("people.view_private", org.employee)


def test_an_hr_admin_works_in_the_admin_site_and_loses_it_with_the_role(org, web):
    client = web(org.hr_admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/people/person/").status_code == 200
    assert client.get("/admin/okrs/period/").status_code == 200
    role_revoke(user=org.hr_admin.user, role="hr_admin")
    org.hr_admin.user.refresh_from_db()
    assert not org.hr_admin.user.is_staff
    assert web(org.hr_admin).get("/admin/").status_code == 302


def test_an_employee_is_kept_out_of_the_admin_site(org, web):
    assert web(org.employee).get("/admin/").status_code == 302
