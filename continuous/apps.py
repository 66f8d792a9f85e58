from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContinuousConfig(AppConfig):
    name = "continuous"
    verbose_name = _("Praise and feedback")

    def ready(self) -> None:
        # The daily reminder run asks this app for asks to remind of and managers to nudge (notifications.registry).
        from . import notifications  # noqa: F401
