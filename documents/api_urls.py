"""The documents API's routes."""

from django.urls import path

from . import api

ROUTES: list = []

urlpatterns = [
    path("reviews/<int:pk>/summary.pdf", api.ReviewSummaryPdf.as_view(), name="api-review-summary-pdf"),
]
