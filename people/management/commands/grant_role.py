"""``manage.py grant_role EMAIL ROLE [--unit UNIT_PATH]``: make someone HR admin or HR business partner."""

from django.core.management.base import BaseCommand, CommandError

from people.models import HR_ADMIN_GROUP, Unit, User
from people.roles import forget_roles, roles_of
from people.services import ROLES, role_grant


def add_role_arguments(parser) -> None:
    parser.add_argument("email")
    parser.add_argument("role", help=f"one of: {', '.join(ROLES)}")
    parser.add_argument("--unit", metavar="UNIT_PATH",
                        help="for hr_partner: the unit's path, e.g. Acme/Engineering (the units under it included)")


def resolve_role(email: str, role: str, unit_path: str | None) -> tuple[User, str, Unit | None]:
    """The account, role and unit the arguments name, or a CommandError that says what is wrong."""
    if role not in ROLES:
        raise CommandError(f"Unknown role {role!r}; choose one of: {', '.join(ROLES)}.")
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(f"No account with the email {email!r}.")
    if role == "hr_admin":
        if unit_path:
            raise CommandError("The hr_admin role covers the whole organisation: leave out --unit.")
        return user, role, None
    if not unit_path:
        raise CommandError("The hr_partner role needs --unit UNIT_PATH, e.g. --unit Acme/Engineering.")
    unit = Unit.objects.filter(path=unit_path.strip().strip("/")).first()
    if unit is None:
        raise CommandError(f"No unit with the path {unit_path!r}.")
    return user, role, unit


def holds(user: User, role: str, unit: Unit | None) -> bool:
    """Whether the role is granted explicitly (HR admin by group, HR partner on exactly this unit)."""
    if role == "hr_admin":
        return user.groups.filter(name=HR_ADMIN_GROUP).exists()
    forget_roles(user)
    return unit is not None and unit.lineage in roles_of(user).partner_lineages


def describe(role: str, unit: Unit | None) -> str:
    return role if unit is None else f"{role} on {unit.path}"


class Command(BaseCommand):
    help = "Give a role: hr_admin, or hr_partner for a unit (and the units under it)."

    def add_arguments(self, parser):
        add_role_arguments(parser)

    def handle(self, *args, email: str, role: str, unit: str | None, **options):
        user, role, target = resolve_role(email, role, unit)
        if holds(user, role, target):
            self.stdout.write(f"{user.email} already has {describe(role, target)}.")
            return
        role_grant(user=user, role=role, unit=target)
        self.stdout.write(f"Granted {describe(role, target)} to {user.email}.")
