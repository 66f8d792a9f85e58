"""The praise and feedback API's routes: viewsets for the project's router (no plain paths)."""

from .api.feedback import FeedbackAskViewSet, FeedbackViewSet
from .api.notes import NoteViewSet
from .api.praise import CompanyValueViewSet, PraiseViewSet

ROUTES = [
    ("praise", PraiseViewSet, "praise"),
    ("feedback", FeedbackViewSet, "feedback"),
    ("feedback-asks", FeedbackAskViewSet, "feedback-ask"),
    ("notes", NoteViewSet, "note"),
    ("company-values", CompanyValueViewSet, "company-value"),
]

urlpatterns: list = []
