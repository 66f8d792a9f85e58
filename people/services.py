"""Writes to the org chart that are not imports: paths, roles, tokens, the language a person chose."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm
from rest_framework.authtoken.models import Token

from common.bulk import bulk_set
from common.language import supported_language

from .models import HR_ADMIN_GROUP, Person, Unit, User
from .roles import forget_roles

ROLES = ("hr_admin", "hr_partner")


class ReportingLoopError(ValueError):
    def __init__(self, person_ids: Iterable[int]):
        self.person_ids = sorted(person_ids)
        super().__init__(f"reporting loop through people {self.person_ids}")


def lineages_from_parents(parents: dict[int, int | None]) -> dict[int, str]:
    """Materialised paths ("1/5/23/") for every node of a forest given as child → parent.

    Raises ReportingLoopError when the parents form a cycle. Runs in memory, linear in the nodes.
    """
    lineage: dict[int, str] = {}
    for start in parents:
        if start in lineage:
            continue
        trail: list[int] = []
        seen: set[int] = set()
        node: int | None = start
        while node is not None and node not in lineage:
            if node in seen:
                raise ReportingLoopError(trail[trail.index(node):])
            seen.add(node)
            trail.append(node)
            node = parents.get(node)
        prefix = lineage[node] if node is not None else ""
        for item in reversed(trail):
            prefix = f"{prefix}{item}/"
            lineage[item] = prefix
    return lineage


@transaction.atomic
def person_lineages_rebuild() -> int:
    """Recompute every person's reporting path; writes only the rows that changed."""
    rows = list(Person.objects.values_list("pk", "manager_id", "lineage"))
    fresh = lineages_from_parents({pk: manager for pk, manager, _ in rows})
    changed = {pk: {"lineage": fresh[pk]} for pk, _, old in rows if fresh[pk] != old}
    bulk_set(Person, changed)
    return len(changed)


@transaction.atomic
def unit_lineages_rebuild() -> int:
    """Recompute unit paths (ids and depth) and kinds: root company, units with children, leaf teams."""
    rows = list(Unit.objects.values_list("pk", "parent_id", "lineage", "kind"))
    parents = {pk: parent for pk, parent, _, _ in rows}
    fresh = lineages_from_parents(parents)
    has_children = {parent for parent in parents.values() if parent is not None}
    changed = {}
    for pk, parent, old, kind in rows:
        new_kind = Unit.Kind.COMPANY if parent is None else (Unit.Kind.UNIT if pk in has_children else Unit.Kind.TEAM)
        if fresh[pk] != old or new_kind != kind:
            changed[pk] = {"lineage": fresh[pk], "depth": fresh[pk].count("/") - 1, "kind": new_kind}
    bulk_set(Unit, changed)
    return len(changed)


# The apps whose records HR admins may browse and correct in the Django admin.
HR_ADMIN_APPS = ("people", "okrs", "cycles", "reviews", "documents", "notifications", "workflows")


def hr_admin_group() -> Group:
    """The HR admin group, holding the model permissions of the admin site for the project's apps."""
    group, _ = Group.objects.get_or_create(name=HR_ADMIN_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=HR_ADMIN_APPS))
    return group


def role_grant(*, user: User, role: str, unit: Unit | None = None) -> None:
    if role == "hr_admin":
        user.groups.add(hr_admin_group())
        # HR admins work in the admin site too (org chart corrections, periods, scales).
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    elif role == "hr_partner":
        if unit is None:
            raise ValueError("the hr_partner role needs a unit")
        assign_perm("people.partner_unit", user, unit)
    else:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    forget_roles(user)


def role_revoke(*, user: User, role: str, unit: Unit | None = None) -> None:
    if role == "hr_admin":
        user.groups.remove(*Group.objects.filter(name=HR_ADMIN_GROUP))
        if user.is_staff and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    elif role == "hr_partner":
        if unit is None:
            raise ValueError("the hr_partner role needs a unit")
        remove_perm("people.partner_unit", user, unit)
    else:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    forget_roles(user)


def api_token_for(*, user: User) -> str:
    """The person's API token: created once, then reused."""
    token, _ = Token.objects.get_or_create(user=user)
    return token.key


def person_language_set(*, person: Person, language: str) -> None:
    """Store the language ``person`` chose (a code of settings.LANGUAGES): pages, emails and PDFs follow it."""
    chosen = supported_language(language)
    if chosen is None:
        raise ValueError(f"unknown language {language!r}")
    Person.objects.filter(pk=person.pk).update(locale=chosen)
    person.locale = chosen
