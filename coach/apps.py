from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coach"
    verbose_name = _("OKR coach")

    def ready(self) -> None:
        # The goals API shows each objective's findings (``coach`` in the contract) through the field the coach
        # registers: okrs never imports the coach, which is built on it.
        from okrs.api.objectives import add_objective_field

        from .api import CoachField

        add_objective_field("coach", CoachField)
