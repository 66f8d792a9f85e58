"""Adversarial: in the matrix scenario, no persona — whatever their roles, and made a calibrator of the whole
company on top — may calibrate their own review or find it in their calibration scope."""

import pytest
import rules

from reviews.models import Review
from reviews.selectors.calibration import CALIBRATION_STATES, calibration_scope
from reviews.services import calibration_session_create
from tests.trust.scenario import PERSONAS

pytestmark = pytest.mark.django_db


def test_no_persona_of_the_scenario_is_their_own_calibrator(world):
    cycle, checked = world.cycle, []
    for name in PERSONAS:
        person = world.people[name]
        if person is None:
            continue
        own = Review.objects.filter(cycle=cycle, person=person).first()
        if own is None:
            continue
        if own.state not in CALIBRATION_STATES:  # as if their manager had submitted it: in calibration's reach
            Review.objects.filter(pk=own.pk).update(state=Review.State.MANAGER_SUBMITTED)
            own.refresh_from_db()
        # Whatever else they are, make them a calibrator of the whole company too.
        calibration_session_create(cycle=cycle, by=world.org.hr_admin.user, name=f"All {name}",
                                   units=[world.org.acme], participants=[person])
        assert not rules.has_perm("reviews.calibrate_review", person.user, own), name
        assert not calibration_scope(person.user, cycle).filter(pk=own.pk).exists(), name
        checked.append(name)
    assert {"employee", "manager", "skip", "respondent", "hr_partner", "hr_partner_out", "hr_admin",
            "outsider"} <= set(checked), checked
