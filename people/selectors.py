"""Reads of the org chart, always scoped to the user asking."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from common.access import fetch

from .models import Person, Unit
from .roles import roles_of


def person_scope_q(user, *, prefix: str = "") -> Q:
    """People whose non-public records ``user`` may read: self, reports at any depth, HR partner units, HR.

    ``prefix`` points from another model to its person (``"person__"`` for a model with a ``person`` FK).
    Everything is a relational filter on the materialised paths: no per-object grants.
    """
    roles = roles_of(user)
    if roles.hr_admin:
        return Q()
    q = Q(pk__in=[])  # matches nothing; each rule below widens it
    if roles.person is not None:
        me = roles.person
        q |= Q(**{f"{prefix}pk": me.pk})
        if me.lineage:
            q |= Q(**{f"{prefix}lineage__startswith": me.lineage})
    for lineage in roles.partner_lineages:
        q |= Q(**{f"{prefix}unit__lineage__startswith": lineage})
    return q


def people_visible_to(user) -> QuerySet[Person]:
    """The directory: every member of the organisation sees every person; others see nobody."""
    roles = roles_of(user)
    qs = Person.objects.select_related("user", "unit", "manager")
    if roles.hr_admin or roles.employee:
        return qs
    return qs.none()


def units_visible_to(user) -> QuerySet[Unit]:
    roles = roles_of(user)
    qs = Unit.objects.select_related("parent", "lead")
    if roles.hr_admin or roles.employee:
        return qs
    return qs.none()


def person_detail(user, pk) -> Person:
    """The person, if ``user`` may see them (404 otherwise: no existence leak)."""
    return fetch(people_visible_to(user), pk)


def unit_detail(user, pk) -> Unit:
    return fetch(units_visible_to(user), pk)


def people_in_scope_of(user) -> QuerySet[Person]:
    """People whose private records (development goals, reviews) the user may read."""
    return Person.objects.filter(person_scope_q(user))


def reports_of(person: Person, *, direct_only: bool = False) -> QuerySet[Person]:
    if direct_only:
        return Person.objects.filter(manager_id=person.pk)
    return Person.objects.filter(lineage__startswith=person.lineage).exclude(pk=person.pk)


def reporting_line(person: Person) -> list[Person]:
    """The person's managers from the top down, in one query."""
    ids = person.chain_ids
    by_id = Person.objects.select_related("unit").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def org_chart_card(person: Person) -> dict:
    """Everything the org chart shows around one person, in a fixed number of queries."""
    reports = list(
        Person.objects.filter(manager_id=person.pk)
        .select_related("unit")
        .annotate(direct_reports=Count("reports", filter=Q(reports__state=Person.State.ACTIVE)))
        .order_by("full_name")
    )
    below = reports_of(person).filter(state=Person.State.ACTIVE).count()
    return {"person": person, "line": reporting_line(person), "reports": reports, "team_size": below}


def search_people(user, query: str, *, limit: int = 20) -> list[Person]:
    query = query.strip()
    if not query:
        return []
    qs = people_visible_to(user).filter(Q(full_name__icontains=query) | Q(user__email__icontains=query))
    return list(qs.order_by("full_name")[:limit])
