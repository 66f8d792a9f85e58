"""The small management commands: seed_demo, api_token, grant_role, revoke_role."""

import hashlib
import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max
from django.test import Client
from rest_framework.authtoken.models import Token

from people import demo
from people.demo import registry
from people.models import Person, Unit, User
from people.roles import forget_roles, roles_of

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 15)


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def fails(*args) -> CommandError:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 1
    return caught.value


def org_digest() -> str:
    """Everything a person sees of the org, without primary keys (which differ between databases)."""
    people = Person.objects.order_by("user__email").values_list(
        "user__email", "full_name", "title", "unit__path", "manager__user__email", "hire_date", "locale"
    )
    units = Unit.objects.order_by("path").values_list("path", "kind", "depth", "lead__user__email")
    return hashlib.sha256(repr((list(people), list(units))).encode()).hexdigest()


def seeded_digest(*, employees: int, seed: int) -> str:
    demo.org_delete()
    demo.seed_org(employees=employees, seed=seed, today=DAY)
    return org_digest()


# --- seed_org -------------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_organisation_and_another_seed_another():
    first = seeded_digest(employees=90, seed=3)
    assert seeded_digest(employees=90, seed=3) == first
    assert seeded_digest(employees=90, seed=4) != first


def test_it_creates_exactly_the_people_asked_for_with_units_five_levels_deep():
    org = demo.seed_org(employees=150, seed=1, today=DAY)
    assert Person.objects.count() == len(org.people) == 150
    assert Unit.objects.aggregate(deepest=Max("depth"))["deepest"] == 4
    assert org.company.kind == Unit.Kind.COMPANY and org.company.parent_id is None
    leaves = Unit.objects.filter(children__isnull=True)
    assert set(leaves.values_list("depth", flat=True)) == {4}
    assert set(leaves.values_list("kind", flat=True)) == {Unit.Kind.TEAM}
    assert not Unit.objects.filter(lead__isnull=True).exists()
    assert all(p.unit.path.startswith(f"{org.company.path}") for p in org.people)


@pytest.mark.parametrize(("employees", "seed"), [(40, 1), (67, 2), (150, 5)])
def test_every_manager_has_three_to_twelve_reports_and_one_person_is_at_the_top(employees, seed):
    demo.seed_org(employees=employees, seed=seed, today=DAY)
    reports = Person.objects.filter(reports__isnull=False).annotate(n=Count("reports")).values_list("n", flat=True)
    assert reports and all(3 <= n <= 12 for n in reports)
    assert Person.objects.filter(manager__isnull=True).count() == 1
    # Unit leads are the managers of their unit's other members.
    for unit in Unit.objects.select_related("lead", "parent__lead"):
        if unit.parent is not None:
            assert unit.lead.manager_id == unit.parent.lead_id


def test_the_reporting_line_is_materialised():
    org = demo.seed_org(employees=60, seed=1, today=DAY)
    employee = Person.objects.get(pk=org.employee.pk)
    assert employee.chain_ids[-1] == org.manager.pk
    assert employee.chain_ids[0] == org.ceo.pk
    assert Person.objects.filter(lineage__startswith=org.ceo.lineage).count() == 60


def test_names_come_in_several_scripts_and_emails_stay_ascii():
    demo.seed_org(employees=150, seed=1, today=DAY)
    names = list(Person.objects.values_list("full_name", flat=True))
    assert any(re.search(r"[\u0400-\u04ff]", name) for name in names)  # Cyrillic
    assert any(re.search(r"[\u4e00-\u9fff]", name) for name in names)  # Hanzi
    assert any(re.fullmatch(r"[A-Za-z' .-]+", name) for name in names)  # Latin
    assert {"en", "ru", "zh-hans"} <= set(Person.objects.values_list("locale", flat=True))
    emails = list(User.objects.values_list("email", flat=True))
    assert all(email.isascii() and re.fullmatch(r"[a-z0-9.]+@example\.com", email) for email in emails)
    assert len(set(emails)) == len(emails)


def test_hire_dates_span_years_and_some_people_are_on_probation():
    demo.seed_org(employees=150, seed=1, today=DAY)
    dates = list(Person.objects.values_list("hire_date", flat=True))
    assert all(d is not None and d <= DAY for d in dates)
    assert min(dates) < DAY - timedelta(days=5 * 365)
    assert any(d > DAY - timedelta(days=90) for d in dates)


def test_the_demo_logins_are_who_they_say():
    org = demo.seed_org(employees=80, seed=2, today=DAY)
    assert org.ceo.user.email == "ceo@example.com" and org.ceo.manager_id is None
    assert org.company.lead_id == org.ceo.pk
    assert org.manager.user.email == "manager@example.com"
    assert org.manager.reports.count() >= 3 and org.manager.led_units.filter(kind=Unit.Kind.TEAM).exists()
    assert org.employee.user.email == "employee@example.com" and org.employee.manager_id == org.manager.pk
    assert org.employee.hire_date < DAY - timedelta(days=365)  # past probation: in review cycles
    assert roles_of(org.hr.user).hr_admin and "/People/" in org.hr.unit.path
    partner = roles_of(org.hrbp.user)
    assert org.partner_unit.path == "Acme/Engineering"
    assert partner.partners_unit(org.manager.unit) and not partner.hr_admin
    assert not roles_of(org.employee.user).hr_admin and roles_of(org.manager.user).manager


def test_every_demo_login_signs_in_with_the_demo_password():
    demo.seed_org(employees=50, seed=1, today=DAY)
    for email, _ in demo.DEMO_LOGINS:
        assert Client().login(username=email, password="demo"), email
    assert not Client().login(username="hr@example.com", password="wrong")


def test_registered_steps_run_in_order_with_their_own_repeatable_random(monkeypatch):
    demo.demo_steps()  # import every app's demo module first, so only the steps below are registered after
    monkeypatch.setattr(registry, "_steps", {})
    seen = []

    @demo.register_demo_step(order=20)
    def second(org, rng):
        seen.append(("second", rng.random()))

    @demo.register_demo_step(order=10)
    def first(org, rng):
        assert org.hr.user.email == "hr@example.com"
        seen.append(("first", rng.random()))

    org = demo.seed_org(employees=40, seed=1, today=DAY)
    demo.run_demo_steps(org)
    demo.run_demo_steps(org)
    assert [name for name, _ in seen] == ["first", "second", "first", "second"]
    assert seen[:2] == seen[2:] and seen[0][1] != seen[1][1]


def test_reset_keeps_superusers_and_their_groups_and_removes_everyone_else():
    root = User.objects.create_superuser("root@example.com", "pw")
    org = demo.seed_org(employees=40, seed=1, today=DAY)
    root.groups.add(*org.hr.user.groups.all())
    run("api_token", "hr@example.com")
    demo.org_delete()
    assert list(User.objects.values_list("email", flat=True)) == ["root@example.com"]
    assert not Person.objects.exists() and not Unit.objects.exists() and not Token.objects.exists()
    assert root.groups.count() == 1


def test_reset_clears_goals_that_protect_people_and_units():
    from okrs.models import KeyResult, Objective, Period

    org = demo.seed_org(employees=40, seed=1, today=DAY)
    period = Period.objects.create(code="demo-test", start=DAY, end=DAY + timedelta(days=90))
    company = Objective.objects.create(title="Go global", level="company", unit=org.company, period=period)
    kr = KeyResult.objects.create(objective=company, title="Ten markets", target=10, owner=org.ceo)
    team = Objective.objects.create(title="Ship in Spanish", level="team", unit=org.manager.unit, period=period,
                                    parent_key_result=kr)
    Objective.objects.create(title="Learn Spanish", level="personal", owner=org.employee, period=period,
                             parent_objective=team)
    demo.org_delete()
    assert not Objective.objects.exists() and not KeyResult.objects.exists() and not Person.objects.exists()
    assert Period.objects.filter(pk=period.pk).exists()  # reference data, not the org's
    demo.seed_org(employees=40, seed=1, today=DAY)


# --- seed_demo ------------------------------------------------------------------------------------------


def test_seed_demo_loads_the_organisation_and_says_so():
    out = run("seed_demo", "--employees", "60", "--seed", "2")
    assert Person.objects.count() == 60
    assert "60 people" in out


def test_seed_demo_if_empty_loads_once_and_then_leaves_the_data_alone():
    run("seed_demo", "--employees", "60", "--if-empty")
    digest = org_digest()
    out = run("seed_demo", "--employees", "90", "--seed", "9", "--if-empty")
    assert "not loaded" in out
    assert Person.objects.count() == 60 and org_digest() == digest


def test_seed_demo_refuses_a_database_with_people_unless_reset():
    run("seed_demo", "--employees", "60")
    error = fails("seed_demo", "--employees", "60")
    assert "--reset" in str(error)
    run("seed_demo", "--employees", "70", "--reset")
    assert Person.objects.count() == 70


def test_seed_demo_refuses_a_size_the_rules_cannot_fit():
    fails("seed_demo", "--employees", "5")
    assert not Person.objects.exists()


def test_print_logins_prints_only_the_logins_and_the_password_and_loads_nothing():
    out = run("seed_demo", "--print-logins")
    lines = out.strip().splitlines()
    assert lines[0].split() == ["email", "role"]
    assert [line.split()[0] for line in lines[1:-1]] == [email for email, _ in demo.DEMO_LOGINS]
    assert "hr@example.com" in out and "HR admin" in out
    assert lines[-1] == "password: demo"
    assert not Person.objects.exists()


# --- api_token ------------------------------------------------------------------------------------------


def test_api_token_prints_only_the_key_and_the_same_key_twice(org):
    first = run("api_token", "employee@example.com")
    assert first.endswith("\n") and first.count("\n") == 1
    key = first.strip()
    assert key == Token.objects.get(user=org.employee.user).key
    assert run("api_token", "Employee@Example.com").strip() == key


def test_api_token_refuses_an_unknown_email(org):
    assert "nobody@example.com" in str(fails("api_token", "nobody@example.com"))
    assert not Token.objects.exists()


# --- grant_role / revoke_role ---------------------------------------------------------------------------


def fresh_roles(person):
    user = User.objects.get(pk=person.user_id)
    forget_roles(user)
    return roles_of(user)


def test_grant_and_revoke_hr_admin(org):
    assert "Granted hr_admin" in run("grant_role", "employee@example.com", "hr_admin")
    assert fresh_roles(org.employee).hr_admin
    assert "already" in run("grant_role", "employee@example.com", "hr_admin")
    assert "Revoked hr_admin" in run("revoke_role", "employee@example.com", "hr_admin")
    assert not fresh_roles(org.employee).hr_admin
    assert "nothing to revoke" in run("revoke_role", "employee@example.com", "hr_admin")


def test_grant_and_revoke_hr_partner_on_a_unit_and_the_units_under_it(org):
    out = run("grant_role", "peer@example.com", "hr_partner", "--unit", "Acme/Engineering")
    assert out.strip() == "Granted hr_partner on Acme/Engineering to peer@example.com."
    roles = fresh_roles(org.peer)
    assert roles.hr_partner and roles.partners_unit(org.platform) and not roles.partners_unit(org.sales)
    run("revoke_role", "peer@example.com", "hr_partner", "--unit", "Acme/Engineering")
    assert not fresh_roles(org.peer).hr_partner


def test_revoking_a_partner_unit_leaves_the_others(org):
    run("grant_role", "peer@example.com", "hr_partner", "--unit", "Acme/Engineering")
    run("grant_role", "peer@example.com", "hr_partner", "--unit", "Acme/Sales")
    run("revoke_role", "peer@example.com", "hr_partner", "--unit", "Acme/Engineering")
    roles = fresh_roles(org.peer)
    assert roles.partners_unit(org.sales) and not roles.partners_unit(org.platform)


@pytest.mark.parametrize("command", ["grant_role", "revoke_role"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody@example.com", "hr_admin"], "No account"),
        (["employee@example.com", "boss"], "Unknown role"),
        (["employee@example.com", "hr_partner"], "needs --unit"),
        (["employee@example.com", "hr_partner", "--unit", "Acme/Nowhere"], "No unit"),
        (["employee@example.com", "hr_admin", "--unit", "Acme/Engineering"], "leave out --unit"),
    ],
)
def test_role_commands_explain_what_is_wrong_and_exit_1(org, command, args, message):
    assert message in str(fails(command, *args))
    roles = fresh_roles(org.employee)
    assert not roles.hr_admin and not roles.hr_partner
