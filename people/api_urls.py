"""The org chart's API routes: viewsets for the project's router, plain views as paths."""

from django.urls import path

from . import api

ROUTES = [
    ("people", api.PersonViewSet, "person"),
    ("units", api.UnitViewSet, "unit"),
]

urlpatterns = [
    path("me/", api.me, name="api-me"),
]
