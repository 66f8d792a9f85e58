"""The access policy for goals, answered through django-rules (``rules.has_perm`` / ``user.has_perm``).

Every predicate reads only the user's cached roles and the object's already-loaded relations
(``owner``, ``unit__lead``, ``objective``), so lists can ask it for every row without a query per row.
Flows and the API call ``rules.has_perm`` directly: ``user.has_perm`` would fall through to guardian's
backend on a refusal and pay a query per object.

Who writes what:
- personal objectives: the owner (and HR admin);
- unit and team objectives: the unit's lead, the leads of units above it, the lead's management
  chain, HR admin;
- company objectives: HR admin and the top person of the organisation (no manager);
- check-ins: the key result's owner, the objective's owner, the unit's lead (and HR admin);
- development goals: the person, their direct manager, HR admin; read by the person, their whole
  management chain, HR partners of their unit and HR admin.
"""

from __future__ import annotations

import rules

from people.models import Unit
from people.roles import roles_of
from people.rules import in_scope, is_member

from .models import Objective


def led_unit_lineages(user) -> tuple[str, ...]:
    """Lineages of the units the user leads; one query, cached on the user object like its roles."""
    cached = getattr(user, "_okrs_led_lineages", None)
    if cached is not None:
        return cached
    me = roles_of(user).person
    lineages = tuple(Unit.objects.filter(lead_id=me.pk).values_list("lineage", flat=True)) if me else ()
    user._okrs_led_lineages = lineages
    return lineages


def allowed(user, perm: str, obj) -> bool:
    """Ask the policy for one object without falling through to guardian's per-object queries."""
    return rules.has_perm(perm, user, obj)


def _me(user):
    return roles_of(user).person


def is_supervisor_of(user, objective: Objective) -> bool:
    """The one who agrees: the owner's manager (personal), the manager of the unit's lead (unit, team)."""
    me = _me(user)
    if me is None:
        return False
    if objective.level == Objective.Level.PERSONAL:
        return objective.owner is not None and objective.owner.manager_id == me.pk
    if objective.level in (Objective.Level.UNIT, Objective.Level.TEAM):
        lead = objective.unit.lead if objective.unit_id else None
        return lead is not None and lead.manager_id == me.pk
    return False


def may_edit(user, objective: Objective) -> bool:
    roles = roles_of(user)
    if roles.hr_admin:
        return True
    me = roles.person
    if me is None or not me.active:
        return False
    if objective.level == Objective.Level.PERSONAL:
        return objective.owner_id == me.pk
    if objective.level == Objective.Level.COMPANY:
        return me.manager_id is None
    unit = objective.unit
    if unit is None:
        return False
    if unit.lead_id == me.pk or any(unit.lineage.startswith(lin) for lin in led_unit_lineages(user)):
        return True
    return unit.lead is not None and unit.lead.is_under(me)


def may_view(user, objective: Objective) -> bool:
    if not is_member(user):
        return False
    return not objective.private or in_scope(user, objective.owner)


def _is_owner(user, objective: Objective) -> bool:
    me = _me(user)
    return me is not None and objective.owner_id == me.pk


def _is_creator(user, objective: Objective) -> bool:
    me = _me(user)
    return me is not None and objective.created_by_id == me.pk


def _leads_unit(user, unit: Unit | None) -> bool:
    me = _me(user)
    return me is not None and unit is not None and unit.lead_id == me.pk


@rules.predicate
def can_view_objective(user, objective) -> bool:
    return objective is not None and may_view(user, objective)


@rules.predicate
def can_edit_objective(user, objective) -> bool:
    return objective is not None and may_edit(user, objective)


@rules.predicate
def can_submit_objective(user, objective) -> bool:
    return may_view(user, objective) and (
        _is_owner(user, objective) or _is_creator(user, objective) or may_edit(user, objective)
    )


@rules.predicate
def can_agree_objective(user, objective) -> bool:
    return may_view(user, objective) and (roles_of(user).hr_admin or is_supervisor_of(user, objective))


@rules.predicate
def can_run_objective(user, objective) -> bool:
    """Activate or close: the owner, whoever may edit it, or its supervisor."""
    return may_view(user, objective) and (
        _is_owner(user, objective) or may_edit(user, objective) or is_supervisor_of(user, objective)
    )


@rules.predicate
def can_view_key_result(user, key_result) -> bool:
    return key_result is not None and may_view(user, key_result.objective)


@rules.predicate
def can_edit_key_result(user, key_result) -> bool:
    return key_result is not None and may_edit(user, key_result.objective)


@rules.predicate
def can_check_in(user, key_result) -> bool:
    if key_result is None or not may_view(user, key_result.objective):
        return False
    me, objective = _me(user), key_result.objective
    if roles_of(user).hr_admin:
        return True
    if me is None or not me.active:
        return False
    return me.pk in (key_result.owner_id, objective.owner_id) or _leads_unit(user, objective.unit)


@rules.predicate
def can_view_dependency(user, dependency) -> bool:
    return is_member(user)


@rules.predicate
def can_ask_dependency(user, dependency) -> bool:
    return dependency is not None and may_edit(user, dependency.objective)


@rules.predicate
def can_answer_dependency(user, dependency) -> bool:
    return dependency is not None and (roles_of(user).hr_admin or _leads_unit(user, dependency.to_unit))


@rules.predicate
def can_view_development_goal(user, goal) -> bool:
    return goal is not None and is_member(user) and in_scope(user, goal.person)


@rules.predicate
def can_edit_development_goal(user, goal) -> bool:
    if goal is None:
        return False
    roles, person = roles_of(user), goal.person
    if roles.hr_admin:
        return True
    me = roles.person
    return me is not None and me.active and person is not None and me.pk in (person.pk, person.manager_id)


rules.add_perm("okrs.view_period", is_member)
rules.add_perm("okrs.view_objective", can_view_objective)
rules.add_perm("okrs.add_objective", can_edit_objective)
rules.add_perm("okrs.change_objective", can_edit_objective)
rules.add_perm("okrs.submit_objective", can_submit_objective)
rules.add_perm("okrs.agree_objective", can_agree_objective)
rules.add_perm("okrs.return_objective", can_agree_objective)
rules.add_perm("okrs.activate_objective", can_run_objective)
rules.add_perm("okrs.close_objective", can_run_objective)
rules.add_perm("okrs.view_keyresult", can_view_key_result)
rules.add_perm("okrs.add_keyresult", can_edit_key_result)
rules.add_perm("okrs.change_keyresult", can_edit_key_result)
rules.add_perm("okrs.view_checkin", can_view_key_result)
rules.add_perm("okrs.add_checkin", can_check_in)
rules.add_perm("okrs.view_dependency", can_view_dependency)
rules.add_perm("okrs.add_dependency", can_ask_dependency)
rules.add_perm("okrs.change_dependency", can_answer_dependency)
rules.add_perm("okrs.view_developmentgoal", can_view_development_goal)
rules.add_perm("okrs.add_developmentgoal", can_edit_development_goal)
rules.add_perm("okrs.change_developmentgoal", can_edit_development_goal)


# Weekly boards (``WeeklyPlan``; the object may be unsaved: the board of a week nobody has written yet).
# A team's board is read by every member (transparency) and written by the unit's lead and its members;
# a person's board is read by the person, their management chain, HR partners of their unit and HR admin,
# and written by the person (and HR admin).


@rules.predicate
def can_view_weekly_plan(user, plan) -> bool:
    if plan is None or not is_member(user):
        return False
    return plan.unit_id is not None or in_scope(user, plan.person)


@rules.predicate
def can_edit_weekly_plan(user, plan) -> bool:
    if plan is None:
        return False
    roles = roles_of(user)
    if roles.hr_admin:
        return True
    me = roles.person
    if me is None or not me.active:
        return False
    if plan.unit_id is not None:
        return me.unit_id == plan.unit_id or _leads_unit(user, plan.unit)
    return plan.person_id == me.pk


rules.add_perm("okrs.view_weeklyplan", can_view_weekly_plan)
rules.add_perm("okrs.add_weeklyplan", can_edit_weekly_plan)
rules.add_perm("okrs.change_weeklyplan", can_edit_weekly_plan)
