"""The access policy for the org chart, answered through ``user.has_perm(perm, obj)``.

Each app declares its rules in its own ``rules.py``; django-rules' backend answers them all, so
there is one policy and one way to ask it. Visibility rules mirror the ``visible_to`` selectors.
"""

import rules

from .roles import roles_of


@rules.predicate
def is_hr_admin(user) -> bool:
    return roles_of(user).hr_admin


@rules.predicate
def is_member(user) -> bool:
    """An active person of the organisation (or HR admin)."""
    roles = roles_of(user)
    return roles.hr_admin or roles.employee


@rules.predicate
def is_self(user, person) -> bool:
    me = roles_of(user).person
    return me is not None and person is not None and me.pk == person.pk


@rules.predicate
def is_above(user, person) -> bool:
    """The user is in the person's management chain, at any depth."""
    me = roles_of(user).person
    return me is not None and person is not None and person.is_under(me)


@rules.predicate
def is_direct_manager(user, person) -> bool:
    me = roles_of(user).person
    return me is not None and person is not None and person.manager_id == me.pk


@rules.predicate
def is_partner_of(user, person) -> bool:
    """HR business partner of the person's unit or of a unit above it."""
    return person is not None and roles_of(user).partners_unit(person.unit)


# What a user may read about a person beyond the directory (private goals, reviews).
in_scope = is_self | is_above | is_partner_of | is_hr_admin

rules.add_perm("people.view_person", is_member)
rules.add_perm("people.view_unit", is_member)
rules.add_perm("people.view_private", in_scope)
rules.add_perm("people.import_org", is_hr_admin)
rules.add_perm("people.grant_role", is_hr_admin)
rules.add_perm("people.deactivate_person", is_hr_admin)
rules.add_perm("people.reactivate_person", is_hr_admin)
