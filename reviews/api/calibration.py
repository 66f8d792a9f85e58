"""GET /api/cycles/{id}/calibration/: the reviews the caller calibrates (``?session=`` narrows to a session's
units), a page at a time by name, each rating with its rater-aware figures (``selectors/rater_aware.py``), and the
cycle's figures under ``cycle``. For calibrators only (``calibration_scope``): anyone who calibrates nothing in
the cycle gets 404. The same queries at any size: the page of ids, its rows, one query for the figures.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import Pagination

from ..models import Review
from ..selectors.calibration import calibration_cycle_detail, calibration_scope, sessions_visible_to
from ..selectors.rater_aware import of_review, rater_aware

ROW = inline_serializer("CalibrationRow", {
    "review": serializers.IntegerField(), "person": serializers.IntegerField(),
    "person_name": serializers.CharField(), "state": serializers.CharField(),
    "preliminary_rating": serializers.IntegerField(allow_null=True),
    "calibrated_rating": serializers.IntegerField(allow_null=True),
    "final_rating": serializers.IntegerField(allow_null=True),
    "centred_rating": serializers.FloatField(allow_null=True, help_text="None when withheld or nobody rated"),
    "raw_rating": serializers.FloatField(allow_null=True, help_text="the raters' plain mean, on the final scale"),
    "raters": serializers.IntegerField(help_text="respondents who rated, and the manager"),
    "respondents": serializers.IntegerField(), "reliability": serializers.FloatField(allow_null=True),
    "few_raters": serializers.BooleanField(), "withheld": serializers.BooleanField(),
})


class CalibrationView(APIView):
    pagination_class = Pagination

    @extend_schema(operation_id="cycles_calibration_list", responses=ROW,
                   parameters=[OpenApiParameter("session", int, required=False)],
                   summary="The reviews the caller calibrates, with rater-aware figures")
    def get(self, request: Request, pk: int) -> Response:
        cycle = calibration_cycle_detail(request.user, pk)
        session = None
        if request.query_params.get("session"):
            session = next((s for s in sessions_visible_to(request.user, cycle)
                            if str(s.pk) == request.query_params["session"]), None)
            if session is None:
                raise Http404("No such session.")
        scope = calibration_scope(request.user, cycle, session=session).order_by("person__full_name", "pk")
        paginator = self.pagination_class()
        ids = paginator.paginate_queryset(scope.values_list("pk", flat=True), request, view=self)
        by_id = {r.pk: r for r in Review.objects.filter(pk__in=ids).select_related("person")}
        page = [by_id[i] for i in ids if i in by_id]
        figures = rater_aware(page, cycle, reader=request.user)
        rows = []
        for review in page:
            mine = of_review(figures, review.pk)
            rows.append({
                "review": review.pk, "person": review.person_id, "person_name": review.person.full_name,
                "state": review.state, "preliminary_rating": review.preliminary_rating,
                "calibrated_rating": review.calibrated_rating, "final_rating": review.final_rating,
                "centred_rating": mine["centred"], "raw_rating": mine["raw"], "raters": mine["raters"],
                "respondents": mine["respondents"], "reliability": mine["reliability"],
                "few_raters": mine["few_raters"], "withheld": mine["withheld"],
            })
        response = paginator.get_paginated_response(rows)
        response.data["cycle"] = {
            "id": cycle.pk, "grand_mean": figures["grand_mean"], "ratings": figures["ratings"],
            "icc": figures["icc"], "icc_reviews": figures["icc_reviews"],
            "icc_note": None if figures["icc"] is not None else "not enough ratings",
            "min_other_raters": figures["min_other_raters"],
        }
        return response
