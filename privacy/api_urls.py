"""The personal-data API's routes."""

from django.urls import path

from . import api

ROUTES: list = []

urlpatterns = [
    path("people/<int:pk>/export/", api.person_export, name="api-person-export"),
    path("people/<int:pk>/erase/", api.person_erase_view, name="api-person-erase"),
]
