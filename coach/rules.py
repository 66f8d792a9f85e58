"""Who may do what with the coach and the retrospective, answered through django-rules.

- coach findings: whoever may see the objective (``okrs.view_objective``);
- silencing a finding: the objective's owner, whoever may edit it (the unit's lead, leads above, the
  lead's management chain), the owner's management chain for a personal one, HR admin;
- the company's rule settings: HR admin;
- a unit's retrospective: its members and those of the units under it, their managers, the leads of the
  unit and the units above it, HR partners of the unit, HR admin; the company's (the top unit's): HR
  admin, HR partners of the top unit, the top unit's lead and the person at the top (no manager).
"""

from __future__ import annotations

import rules

from okrs.rules import led_unit_lineages, may_edit, may_view
from people.models import Person, Unit
from people.roles import roles_of
from people.rules import is_hr_admin, is_member


@rules.predicate
def can_silence(user, objective) -> bool:
    if objective is None or not may_view(user, objective):
        return False
    roles = roles_of(user)
    if roles.hr_admin:
        return True
    me = roles.person
    if me is None or not me.active:
        return False
    if objective.owner_id == me.pk or may_edit(user, objective):
        return True
    return objective.owner is not None and objective.owner.is_under(me)


def _manages_a_member(me: Person, unit: Unit) -> bool:
    if not me.lineage:
        return False
    return Person.objects.filter(unit__lineage__startswith=unit.lineage, lineage__startswith=me.lineage).exclude(
        pk=me.pk).exists()


@rules.predicate
def can_view_retrospective(user, unit) -> bool:
    if unit is None or not is_member(user):
        return False
    roles = roles_of(user)
    if roles.hr_admin or roles.partners_unit(unit):
        return True
    me = roles.person
    if me is None:
        return False
    if unit.parent_id is None:
        return unit.lead_id == me.pk or me.manager_id is None
    if me.unit is not None and me.unit.lineage.startswith(unit.lineage):
        return True
    if any(unit.lineage.startswith(lineage) for lineage in led_unit_lineages(user)):
        return True
    return _manages_a_member(me, unit)


rules.add_perm("coach.view_finding", is_member)
rules.add_perm("coach.add_silence", can_silence)
rules.add_perm("coach.delete_silence", can_silence)
rules.add_perm("coach.change_coachrule", is_hr_admin)
rules.add_perm("coach.view_coachrule", is_member)
rules.add_perm("coach.view_retrospective", can_view_retrospective)
# The writing coach reads nothing but the text it is sent: every member may ask it.
rules.add_perm("coach.use_writing_coach", is_member)
