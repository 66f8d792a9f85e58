"""Who sees and who writes meetings (django-rules, answered by people.backends.PolicyBackend).

A unit's meetings (weekly sync, monthly review, quarterly retrospective) are attended by the unit's active
members, its lead and the leads of the units right below it. They are read by the attendees, by anyone above
the unit's lead in the reporting line, by the leads of the units above, by HR partners of the unit and by
HR admin. A one-on-one is read and written by its two people only: HR sees none of it (not even that it
exists), so what is said there stays between them.

``series_visibility_q`` is the same policy as a filter, for lists.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from people.models import Unit
from people.roles import roles_of

from .models import ActionItem, Series

PERSONS_UNITS_ATTR = "_meetings_led_units"


def led_units(user) -> tuple[tuple[int, int | None, str], ...]:
    """(id, parent id, lineage) of the units the user leads, once per user object."""
    cached = getattr(user, PERSONS_UNITS_ATTR, None)
    if cached is None:
        me = roles_of(user).person
        cached = tuple(Unit.objects.filter(lead_id=me.pk).values_list("pk", "parent_id", "lineage")) if me else ()
        setattr(user, PERSONS_UNITS_ATTR, cached)
    return cached


def attended_unit_ids(user) -> set[int]:
    """Units whose meetings the user attends: their own, the ones they lead, the parents of those."""
    me = roles_of(user).person
    if me is None or not me.active:
        return set()
    ids = {pk for pk, _parent, _lineage in led_units(user)} | {p for _pk, p, _l in led_units(user) if p}
    if me.unit_id:
        ids.add(me.unit_id)
    return ids


def series_visibility_q(user, *, prefix: str = "") -> Q:
    """Series ``user`` may read; ``prefix`` points from another model to its series (``"series__"``)."""
    roles = roles_of(user)
    me = roles.person
    pair = Q(pk__in=[])
    if me is not None and me.active:
        pair = Q(**{f"{prefix}manager_id": me.pk}) | Q(**{f"{prefix}report_id": me.pk})
    pair &= Q(**{f"{prefix}kind": Series.Kind.ONE_ON_ONE})
    if roles.hr_admin:
        return pair | Q(**{f"{prefix}unit__isnull": False})
    unit = Q(**{f"{prefix}unit_id__in": attended_unit_ids(user)})
    if me is not None and me.active and me.lineage:
        unit |= Q(**{f"{prefix}unit__lead__lineage__startswith": me.lineage})
        for _pk, _parent, lineage in led_units(user):
            unit |= Q(**{f"{prefix}unit__lineage__startswith": lineage})
    for lineage in roles.partner_lineages:
        unit |= Q(**{f"{prefix}unit__lineage__startswith": lineage})
    return pair | (unit & Q(**{f"{prefix}unit__isnull": False}))


def _me(user):
    person = roles_of(user).person
    return person if person is not None and person.active else None


@rules.predicate
def is_pair_member(user, series: Series) -> bool:
    me = _me(user)
    return me is not None and series.is_one_on_one and me.pk in (series.manager_id, series.report_id)


@rules.predicate
def is_pair_manager(user, series: Series) -> bool:
    me = _me(user)
    return me is not None and series.is_one_on_one and me.pk == series.manager_id


@rules.predicate
def attends(user, series: Series) -> bool:
    return not series.is_one_on_one and series.unit_id in attended_unit_ids(user)


@rules.predicate
def oversees(user, series: Series) -> bool:
    """Above the unit: in its lead's reporting line, or leads a unit above it."""
    me = _me(user)
    if me is None or series.is_one_on_one or series.unit is None:
        return False
    lead = series.unit.lead
    if lead is not None and lead.is_under(me):
        return True
    return any(series.unit.lineage.startswith(lineage) and pk != series.unit_id
               for pk, _parent, lineage in led_units(user))


@rules.predicate
def is_unit_hr(user, series: Series) -> bool:
    roles = roles_of(user)
    return not series.is_one_on_one and (roles.hr_admin or roles.partners_unit(series.unit))


@rules.predicate
def leads_series_unit(user, series: Series) -> bool:
    """The unit's lead, or a lead of a unit above it."""
    if series.is_one_on_one or series.unit is None:
        return False
    return any(series.unit.lineage.startswith(lineage) for _pk, _parent, lineage in led_units(user))


@rules.predicate
def is_hr_admin(user) -> bool:
    return roles_of(user).hr_admin


@rules.predicate
def is_unit_series(user, series: Series) -> bool:
    return not series.is_one_on_one


@rules.predicate
def owns_or_made_item(user, item: ActionItem) -> bool:
    me = _me(user)
    return me is not None and me.pk in (item.owner_id, item.created_by_id)


@rules.predicate
def may_run_item_series(user, item: ActionItem) -> bool:
    return is_pair_member(user, item.series) or leads_series_unit(user, item.series)


view_series = is_pair_member | attends | oversees | is_unit_hr
# Writing in a meeting (points, notes, decisions, actions) is for the people in the room.
contribute = is_pair_member | attends | oversees
# The schedule: the manager of a one-on-one, the lead of a unit (or above), HR admin for units.
manage_series = is_pair_manager | leads_series_unit | (is_hr_admin & is_unit_series)

rules.add_perm("meetings.view_series", view_series)
rules.add_perm("meetings.contribute", contribute)
rules.add_perm("meetings.change_series", manage_series)
rules.add_perm("meetings.change_actionitem", owns_or_made_item | may_run_item_series)
