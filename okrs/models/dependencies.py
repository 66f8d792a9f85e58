"""Dependencies: horizontal alignment between units."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person, Unit

from .objectives import KeyResult, Objective


class Dependency(models.Model):
    """Horizontal alignment: one unit asks another to contribute to one of its objectives or key results."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    from_unit = models.ForeignKey(
        Unit, verbose_name=_("asking unit"), on_delete=models.PROTECT, related_name="dependencies_asked"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("asked unit"), on_delete=models.PROTECT, related_name="dependencies_received"
    )
    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="dependencies"
    )
    key_result = models.ForeignKey(
        KeyResult, verbose_name=_("key result"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="dependencies",
    )
    message = models.TextField(_("message"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REQUESTED)
    response = models.TextField(_("response"), blank=True)
    responded_by = models.ForeignKey(
        Person, verbose_name=_("responded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    created_by = models.ForeignKey(
        Person, verbose_name=_("asked by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(from_unit=models.F("to_unit")), name="dependency_other_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit}: {self.objective}"
