"""API of reviews and feedback requests: /api/reviews/, /api/feedback-requests/."""

from .feedback import FeedbackRequestViewSet
from .reviews import ReviewViewSet

__all__ = ["FeedbackRequestViewSet", "ReviewViewSet"]
