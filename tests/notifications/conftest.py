import pytest

from tests.cycles.factories import ObjectiveFactory, make_cycle


@pytest.fixture
def goal(org):
    return ObjectiveFactory(owner=org.employee, title="Launch the mobile app")


@pytest.fixture
def cycle(org, goal):
    return make_cycle(by=org.hr_admin, units=[org.acme])
