"""The reviews API's routes: viewsets for the project's router, plain views as paths."""

from django.urls import path

from . import api
from .api.cycles import CycleMovePreviewView, CycleProgressView

ROUTES = [
    ("reviews", api.ReviewViewSet, "review"),
    ("feedback-requests", api.FeedbackRequestViewSet, "feedback-request"),
    ("conversations", api.ConversationViewSet, "conversation"),
]

urlpatterns = [
    path("cycles/<int:pk>/progress/", CycleProgressView.as_view(), name="cycle-progress"),
    path("cycles/<int:pk>/preview/<slug:name>/", CycleMovePreviewView.as_view(), name="cycle-preview"),
    # ``invite.ics`` without a trailing slash, as the contract has it.
    path("conversations/<int:pk>/invite.ics", api.ConversationViewSet.as_view({"get": "invite"}),
         name="api-conversation-invite"),
]
