"""The cycles API's routes: viewsets for the project's router."""

from . import api, templates_api

ROUTES = [
    ("cycles", api.CycleViewSet, "cycle"),
    ("scales", templates_api.ScaleViewSet, "scale"),
    ("templates", templates_api.TemplateViewSet, "template"),
]

urlpatterns: list = []
