from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # The daily reminder run asks this app for the day's meetings (notifications.registry).
        from . import notifications  # noqa: F401
