import pytest

from tests.cycles.factories import ObjectiveFactory, make_cycle


@pytest.fixture
def cycle(org):
    """A draft cycle for the whole company."""
    ObjectiveFactory(owner=org.employee)
    return make_cycle(by=org.hr_admin, units=[org.acme])
