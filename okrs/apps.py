from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OkrsConfig(AppConfig):
    name = "okrs"
    verbose_name = _("Goals")

    def ready(self) -> None:
        from .signals import ensure_periods_after_migrate

        post_migrate.connect(ensure_periods_after_migrate, sender=self, dispatch_uid="okrs_ensure_periods")
