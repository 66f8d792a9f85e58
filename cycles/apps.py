from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "cycles"
    verbose_name = _("Review cycles")

    def ready(self) -> None:
        from .ready import ensure_ready_data_after_migrate

        post_migrate.connect(ensure_ready_data_after_migrate, sender=self, dispatch_uid="cycles_ready_data")
