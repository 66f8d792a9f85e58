"""The coach's API routes: viewsets for the project's router, plain views as paths."""

from django.urls import path

from . import api, api_writing

ROUTES = [
    ("coach/rules", api.CoachRuleViewSet, "coach-rule"),
    ("coach/silences", api.SilenceViewSet, "coach-silence"),
]

urlpatterns = [
    path("coach/units/<int:pk>/findings/", api.UnitFindingsView.as_view(), name="api-coach-unit-findings"),
    path("retrospective/", api.RetrospectiveView.as_view(), name="api-retrospective"),
    path("writing-coach/", api_writing.WritingCoachView.as_view(), name="api-writing-coach"),
]

