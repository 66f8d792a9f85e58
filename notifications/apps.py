from importlib import import_module

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Apps say what to notify in their own receiver modules, named in settings, so this app never
        # imports them and stays generic.
        for module in getattr(settings, "NOTIFICATION_RECEIVERS", []):
            import_module(module)
