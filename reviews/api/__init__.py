"""API of reviews and feedback requests: /api/reviews/, /api/feedback-requests/."""

from .conversations import ConversationViewSet
from .feedback import FeedbackRequestViewSet
from .reviews import ReviewViewSet

__all__ = ["ConversationViewSet", "FeedbackRequestViewSet", "ReviewViewSet"]
