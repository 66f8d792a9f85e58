"""``GET /api/cycles/{id}/progress/``: a cycle's reviews per state, overall and per unit, as the caller counts."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cycles.selectors import cycle_detail

from ..selectors.progress import cycle_progress


class CycleProgressView(APIView):
    @extend_schema(operation_id="cycles_progress_retrieve", responses={200: dict})
    def get(self, request: Request, pk: int) -> Response:
        """Reviews per state, overall and per unit, among the reviews the caller may read."""
        return Response(cycle_progress(cycle_detail(request.user, pk), request.user))
