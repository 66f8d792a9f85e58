"""The goals API's routes: viewsets for the project's router."""

from . import api

ROUTES = [
    ("periods", api.PeriodViewSet, "period"),
    ("objectives", api.ObjectiveViewSet, "objective"),
    ("key-results", api.KeyResultViewSet, "key-result"),
    ("dependencies", api.DependencyViewSet, "dependency"),
    ("development-goals", api.DevelopmentGoalViewSet, "development-goal"),
]

urlpatterns: list = []
