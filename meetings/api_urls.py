"""The meetings API's routes: viewsets for the project's router, plain views as paths."""

from django.urls import path

from .api import items, series

ROUTES = [
    ("meeting-series", series.SeriesViewSet, "meeting-series"),
    ("meetings", series.MeetingViewSet, "meeting"),
    ("talking-points", items.TalkingPointViewSet, "talking-point"),
    ("action-items", items.ActionItemViewSet, "action-item"),
    ("meeting-notes", items.NoteViewSet, "meeting-note"),
]

urlpatterns = [
    path("meetings/<int:pk>/invite.ics", series.MeetingViewSet.as_view({"get": "invite"}), name="api-meeting-invite"),
]
