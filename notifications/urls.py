from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("settings/", views.notification_settings, name="settings"),
    path("settings/test/", views.notification_test, name="test"),
]
