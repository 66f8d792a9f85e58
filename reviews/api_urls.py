"""The reviews API's routes: viewsets for the project's router, plain views as paths."""

from django.urls import path

from . import api
from .api.bulk import FeedbackRequestBulkView
from .api.calibration import CalibrationView
from .api.cycles import CycleMovePreviewView, CycleProgressView
from .api.evidence import ReviewEvidenceView

ROUTES = [
    ("reviews", api.ReviewViewSet, "review"),
    ("feedback-requests", api.FeedbackRequestViewSet, "feedback-request"),
    ("conversations", api.ConversationViewSet, "conversation"),
]

urlpatterns = [
    path("feedback-requests/bulk/", FeedbackRequestBulkView.as_view(), name="feedback-request-bulk"),
    path("cycles/<int:pk>/progress/", CycleProgressView.as_view(), name="cycle-progress"),
    path("cycles/<int:pk>/preview/<slug:name>/", CycleMovePreviewView.as_view(), name="cycle-preview"),
    path("cycles/<int:pk>/calibration/", CalibrationView.as_view(), name="api-cycle-calibration"),
    path("reviews/<int:pk>/evidence/", ReviewEvidenceView.as_view(), name="api-review-evidence"),
    # ``invite.ics`` without a trailing slash, as the contract has it.
    path("conversations/<int:pk>/invite.ics", api.ConversationViewSet.as_view({"get": "invite"}),
         name="api-conversation-invite"),
]
