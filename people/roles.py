"""Who a user is in the organisation, computed once per user object (so once per request)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from .models import HR_ADMIN_GROUP, Person, Unit, UnitUserObjectPermission

ROLE_NAMES = ("employee", "manager", "hr_partner", "hr_admin")


@dataclass(frozen=True)
class Roles:
    person: Person | None
    hr_admin: bool = False
    manager: bool = False
    # Lineages of the units granted to this user as HR business partner (the units under them inherit).
    partner_lineages: tuple[str, ...] = field(default=())

    @property
    def hr_partner(self) -> bool:
        return bool(self.partner_lineages)

    @property
    def employee(self) -> bool:
        return self.person is not None and self.person.active

    def names(self) -> list[str]:
        return [name for name in ROLE_NAMES if getattr(self, name)]

    def partners_unit(self, unit: Unit | None) -> bool:
        return unit is not None and any(unit.lineage.startswith(lin) for lin in self.partner_lineages)


def roles_of(user) -> Roles:
    """The user's roles; cached on the user object so a request pays for them once."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return Roles(person=None)
    cached = getattr(user, "_perfcycle_roles", None)
    if cached is not None:
        return cached
    person = Person.objects.filter(user_id=user.pk).select_related("unit").first()
    hr_admin = user.is_superuser or user.groups.filter(name=HR_ADMIN_GROUP).exists()
    manager = person is not None and Person.objects.filter(manager_id=person.pk, state=Person.State.ACTIVE).exists()
    lineages = tuple(
        UnitUserObjectPermission.objects.filter(
            user_id=user.pk, permission__codename="partner_unit"
        ).values_list("content_object__lineage", flat=True)
    )
    roles = Roles(person=person, hr_admin=hr_admin, manager=manager, partner_lineages=lineages)
    user._perfcycle_roles = roles
    return roles


def forget_roles(user) -> None:
    """Drop the cached roles after a grant or revoke on this user object."""
    if hasattr(user, "_perfcycle_roles"):
        del user._perfcycle_roles
