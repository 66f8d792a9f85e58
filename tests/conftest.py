"""Personas, as fixtures: the cast every permission test speaks of.

    Acme (company)            ceo
    ├── Engineering           └── skip (skip-level manager, leads Engineering)
    │   └── Platform              └── manager (leads Platform)
    │                                 ├── employee
    │                                 └── peer
    └── Sales                 outsider (reports to ceo, in Sales)
    hr_partner: HR business partner of Engineering; hr_admin: the HR admin group
"""

from dataclasses import dataclass

import pytest
from django.db import connection
from rest_framework.test import APIClient

from people.models import Person, Unit
from people.services import role_grant

from .factories import PersonFactory, UnitFactory


@dataclass
class Org:
    acme: Unit
    engineering: Unit
    platform: Unit
    sales: Unit
    ceo: Person
    skip: Person
    manager: Person
    employee: Person
    peer: Person
    outsider: Person
    hr_partner: Person
    hr_admin: Person
    inactive: Person


@pytest.fixture
def org(db) -> Org:
    acme = UnitFactory(name="Acme")
    engineering = UnitFactory(name="Engineering", parent=acme)
    platform = UnitFactory(name="Platform", parent=engineering, kind=Unit.Kind.TEAM)
    sales = UnitFactory(name="Sales", parent=acme, kind=Unit.Kind.TEAM)
    ceo = PersonFactory(full_name="Cora CEO", user__email="ceo@example.com", unit=acme, title="CEO")
    skip = PersonFactory(full_name="Sam Skip", user__email="skip@example.com", unit=engineering, manager=ceo)
    manager = PersonFactory(full_name="Mia Manager", user__email="manager@example.com", unit=platform, manager=skip)
    employee = PersonFactory(
        full_name="Emil Employee", user__email="employee@example.com", unit=platform, manager=manager
    )
    peer = PersonFactory(full_name="Pia Peer", user__email="peer@example.com", unit=platform, manager=manager)
    outsider = PersonFactory(full_name="Otto Outsider", user__email="outsider@example.com", unit=sales, manager=ceo)
    hr_partner = PersonFactory(full_name="Hana Partner", user__email="hrbp@example.com", unit=acme, manager=ceo)
    hr_admin = PersonFactory(full_name="Hugo Admin", user__email="hr@example.com", unit=acme, manager=ceo)
    inactive = PersonFactory(
        full_name="Ina Inactive", user__email="inactive@example.com", unit=platform, manager=manager,
        state=Person.State.INACTIVE, user__is_active=False,
    )
    engineering.lead, platform.lead = skip, manager
    engineering.save(update_fields=["lead"])
    platform.save(update_fields=["lead"])
    role_grant(user=hr_partner.user, role="hr_partner", unit=engineering)
    role_grant(user=hr_admin.user, role="hr_admin")
    return Org(acme, engineering, platform, sales, ceo, skip, manager, employee, peer, outsider, hr_partner,
               hr_admin, inactive)


@pytest.fixture
def api():
    """An API client factory: api(person) is logged in as that person (token auth)."""

    def make(person: Person | None = None) -> APIClient:
        client = APIClient()
        if person is not None:
            client.force_authenticate(user=person.user)
        return client

    return make


@pytest.fixture
def web(client):
    """A test-client factory: web(person) is logged in as that person (session auth)."""
    from django.test import Client

    def make(person: Person | None = None) -> Client:
        c = Client()
        if person is not None:
            c.force_login(person.user)
        return c

    return make


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` run only when the suite runs on PostgreSQL."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    """The browser tests skipped without Chromium get one line, not a reason per test."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if r.nodeid.startswith("tests/browser/")]
    if skipped:
        reasons = sorted({r.longrepr[2].removeprefix("Skipped: ") for r in skipped if isinstance(r.longrepr, tuple)})
        terminalreporter.write_line(f"browser tests: {len(skipped)} skipped, {'; '.join(reasons)}")


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"
