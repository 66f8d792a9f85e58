"""The goals API's routes, registered on the project's router by ``config/urls.py``."""

from . import api

ROUTES = [
    ("periods", api.PeriodViewSet, "period"),
    ("objectives", api.ObjectiveViewSet, "objective"),
    ("key-results", api.KeyResultViewSet, "key-result"),
    ("dependencies", api.DependencyViewSet, "dependency"),
    ("development-goals", api.DevelopmentGoalViewSet, "development-goal"),
]


def register(router) -> None:
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)
