"""The org chart: users, units (a tree) and people (a reporting tree).

Both trees keep a materialised path of primary keys (``lineage``, e.g. ``"1/5/23/"``) so that
"everything under X" is one indexed prefix query at any depth.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import UserObjectPermissionBase

from .emails import canonical_email

HR_ADMIN_GROUP = "HR admin"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email is required")
        user = self.model(email=canonical_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str) -> User:
        """The account of any spelling of its email (people.emails): the login backend's lookup."""
        return self.get(email=canonical_email(username))

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """An account: the email is the login name."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    @classmethod
    def normalize_username(cls, username: str) -> str:
        return canonical_email(username)


class Unit(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        UNIT = "unit", _("Unit")
        TEAM = "team", _("Team")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.UNIT)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    lead = models.ForeignKey(
        "Person", verbose_name=_("lead"), null=True, blank=True, on_delete=models.SET_NULL, related_name="led_units"
    )
    # Names from the company down, e.g. "Acme/Engineering/Platform": the import's unit_path.
    path = models.CharField(_("path"), max_length=1000, unique=True)
    # Primary keys from the company down, e.g. "1/4/9/".
    lineage = models.CharField(max_length=1000, db_index=False, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_in_parent")]
        indexes = [models.Index(fields=["lineage"], name="unit_lineage_idx", opclasses=["varchar_pattern_ops"])]
        permissions = [("partner_unit", "Is HR business partner of the unit and the units under it")]

    def __str__(self) -> str:
        return self.path

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.lineage.split("/") if part]


class UnitUserObjectPermission(UserObjectPermissionBase):
    """Explicit grants on a unit (the HR business partner role), direct-FK for speed."""

    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)


class Person(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("person state", "Active")
        INACTIVE = "inactive", _("Inactive")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="person")
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    manager = models.ForeignKey(
        "self", verbose_name=_("manager"), null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    locale = models.CharField(_("language"), max_length=10, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.ACTIVE)
    # Primary keys of the reporting line from the top down to this person, e.g. "1/5/23/".
    lineage = models.CharField(max_length=1000, editable=False, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        indexes = [
            models.Index(fields=["lineage"], name="person_lineage_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["full_name"], name="person_full_name_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def chain_ids(self) -> list[int]:
        """Primary keys of this person's managers, nearest last (self excluded)."""
        return [int(part) for part in self.lineage.split("/") if part][:-1]

    def is_under(self, other: Person) -> bool:
        """True when ``other`` is somewhere above this person in the reporting line."""
        return other.pk != self.pk and bool(other.lineage) and self.lineage.startswith(other.lineage)
