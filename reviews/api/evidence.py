"""GET /api/reviews/{id}/evidence/: the review's periods as evidence for its readers above the employee.

Praise, feedback (as the caller may read it), the caller's own notes, check-ins and key-result changes,
and earlier results conversations' agreed actions (``selectors/evidence.py``), paginated like every list.
The reviewee's management chain and HR read it (``reviews.view_evidence``); the employee, who sees the
review, gets 403; anyone else 404.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.access import fetch
from common.api import Pagination

from ..selectors.evidence import KINDS, review_evidence
from ..selectors.reviews import reviews_visible_to

ITEM = inline_serializer("EvidenceItem", {
    "kind": serializers.ChoiceField(choices=KINDS), "id": serializers.IntegerField(),
    "date": serializers.DateField(), "text": serializers.CharField(), "source": serializers.CharField(),
    "title": serializers.CharField(), "author": serializers.CharField(),
})


def evidence_review(user, pk):
    """The review with what its evidence reads (person and unit, cycle and periods): 404 when invisible."""
    return fetch(reviews_visible_to(user).select_related("person__unit", "cycle").prefetch_related(
        "cycle__periods"), pk, message="No such review.")


class ReviewEvidenceView(APIView):
    pagination_class = Pagination

    @extend_schema(responses=ITEM, summary="A review's evidence from its periods")
    def get(self, request: Request, pk: int) -> Response:
        review = evidence_review(request.user, pk)
        if not rules.has_perm("reviews.view_evidence", request.user, review):
            raise PermissionDenied("The evidence is for the employee's managers and HR.")
        items = [{**item, "date": item["date"].isoformat()} for item in review_evidence(request.user, review)]
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(page)
