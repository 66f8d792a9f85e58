"""The notifications API's routes."""

from django.urls import path

from . import api

ROUTES: list = []

urlpatterns = [
    path("notification-settings/", api.notification_settings, name="api-notification-settings"),
]
