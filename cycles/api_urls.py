"""The cycles API's routes: viewsets for the project's router."""

from . import api

ROUTES = [
    ("cycles", api.CycleViewSet, "cycle"),
]

urlpatterns: list = []
