"""``GET /api/reviews/{id}/summary.pdf``: the review summary as the caller may see it (404 otherwise).

A plain APIView so authentication (token or session) and the 401/404 bodies are the API's own; the
success answer is the PDF itself. Every download is logged.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.views import APIView

from common.language import request_language
from common.pdf import pdf_response

from .models import DownloadLog
from .summaries import download_logged, review_summary_for, summary_filename


class ReviewSummaryPdf(APIView):
    def perform_content_negotiation(self, request, force=False):
        # A client asking for application/pdf still gets JSON error bodies, never a 406.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="reviews_summary_pdf",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The summary PDF")},
    )
    def get(self, request, pk: int):
        language = request_language(request)
        review, content = review_summary_for(request.user, pk, language=language)
        download_logged(user=request.user, kind=DownloadLog.Kind.REVIEW_SUMMARY, review=review, language=language)
        return pdf_response(content, summary_filename(review))
