"""A cycle's figures in the API: ``GET /api/cycles/{id}/progress/`` (reviews per state and work per step,
overall and per unit, as the caller counts) and ``GET /api/cycles/{id}/preview/{name}/`` (what a phase step
would do)."""

from __future__ import annotations

import rules
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cycles.models import ReviewCycle
from cycles.selectors import cycle_detail
from workflows.registry import flow_for
from workflows.runner import transition_names

from ..selectors.moves import move_preview
from ..selectors.progress import cycle_progress


class CycleProgressView(APIView):
    @extend_schema(operation_id="cycles_progress_retrieve", responses={200: dict})
    def get(self, request: Request, pk: int) -> Response:
        """Reviews per state, overall and per unit, among the reviews the caller may read."""
        return Response(cycle_progress(cycle_detail(request.user, pk), request.user))


class CycleMovePreviewView(APIView):
    @extend_schema(operation_id="cycles_preview_retrieve", responses={200: dict})
    def get(self, request: Request, pk: int, name: str) -> Response:
        """What the phase step ``name`` would do now (for ``skip_unfinished``: ``?step=``): who moves on, who is
        emailed, what is unfinished per step and unit, what is cancelled or skipped. Changes nothing."""
        cycle = cycle_detail(request.user, pk)
        if not rules.has_perm("cycles.run_reviewcycle", request.user, cycle):
            raise PermissionDenied("Only HR admins run a cycle's phases.")
        if name not in transition_names(flow_for(ReviewCycle)):
            raise Http404
        return Response(move_preview(cycle, name, request.user, step=request.query_params.get("step", "")))
