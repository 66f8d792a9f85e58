"""POST /api/feedback-requests/bulk/: many respondents named at once, all or nothing.

The same rules as one nomination (``reviews.services.feedback_requests_create_bulk``); the caller must see every
review named (404 otherwise, as for one) and be allowed to nominate for each (403): the reviewee, the review's
manager or HR admin. 201 answers the new requests' ids in the rows' order; 400 answers every bad row's messages
under its index, ``{"requests": {"3": {"respondent": ["…"]}}}``, and creates nothing.
"""

from __future__ import annotations

import rules
from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import validated_body

from ..selectors import reviews_visible_to
from ..services import NominationErrors, NominationRow, feedback_requests_create_bulk

MAX_ROWS = 5000


class NominationSerializer(serializers.Serializer):
    review = serializers.IntegerField()
    respondent = serializers.IntegerField()
    group = serializers.CharField(max_length=16)
    goals = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=50)


class BulkNominationSerializer(serializers.Serializer):
    requests = NominationSerializer(many=True, allow_empty=False, max_length=MAX_ROWS)


def _by_index(errors) -> dict[str, dict]:
    """DRF lists a nested list's errors row by row, empty for good rows: keep the bad ones, under their index."""
    return {str(index): row for index, row in enumerate(errors) if row}


class FeedbackRequestBulkView(APIView):
    @extend_schema(operation_id="feedback_requests_bulk_create", request=BulkNominationSerializer,
                   responses={201: inline_serializer("BulkNominationCreated", {
                       "ids": serializers.ListField(child=serializers.IntegerField())})})
    def post(self, request: Request) -> Response:
        """Name many respondents at once; every row is checked first and nothing is created unless all pass."""
        try:
            rows = validated_body(request, BulkNominationSerializer)["requests"]
        except ValidationError as exc:
            detail = exc.detail.get("requests") if isinstance(exc.detail, dict) else None
            if isinstance(detail, list) and detail and all(isinstance(row, dict) for row in detail):
                raise ValidationError({"requests": _by_index(detail)}) from exc
            raise
        review_ids = {row["review"] for row in rows}
        reviews = list(reviews_visible_to(request.user).filter(pk__in=review_ids).select_related("person__unit"))
        if len(reviews) != len(review_ids):
            raise Http404
        if not all(rules.has_perm("reviews.add_feedbackrequest", request.user, review) for review in reviews):
            raise PermissionDenied("Only the employee and their manager name respondents.")
        try:
            ids = feedback_requests_create_bulk(by=request.user, rows=[
                NominationRow(review_id=row["review"], respondent_id=row["respondent"], group=row["group"],
                              goal_ids=tuple(row.get("goals") or ())) for row in rows
            ])
        except NominationErrors as exc:
            raise ValidationError({"requests": {str(index): errors for index, errors in exc.errors.items()}}) from exc
        return Response({"ids": ids}, status=201)
