"""The coach's API: rule settings, silences, a unit's findings, the retrospective; and the ``coach`` field
the objectives API serves (``CoachField``)."""

from __future__ import annotations

import rules
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import Pagination
from okrs.models import KeyResult, Objective
from okrs.selectors import objective_visibility_q, objectives_visible_to, period_detail
from people.selectors import unit_detail

from . import selectors, services
from .models import CoachRule, Rule, Silence
from .retrospective import retrospective
from .rules_engine import RULES


@extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
    "rule": {"type": "string", "enum": Rule.values}, "message": {"type": "string"},
    "target": {"oneOf": [{"type": "string", "enum": ["objective"]}, {"type": "integer"}]}}}})
class CoachField(serializers.Field):
    """An objective's unsilenced findings, ``[{"rule", "message", "target"}]``.

    The findings of the whole list (or page) being serialised are computed on the first row, in a fixed
    number of queries, and kept in the serializer's context for the other rows."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def _batch(self, objective: Objective) -> list[Objective]:
        instance = getattr(self.root, "instance", None)
        if isinstance(instance, QuerySet):
            instance = instance._result_cache
        if isinstance(instance, list | tuple) and any(o is objective for o in instance):
            return list(instance)
        return [objective]

    def to_representation(self, objective: Objective) -> list[dict]:
        cache = self.context.setdefault("coach_findings", {})
        if objective.pk not in cache:
            batch = self._batch(objective)
            found = selectors.findings_for(batch)
            for item in batch:
                cache[item.pk] = found.get(item.pk, [])
        return [f.as_contract() for f in cache[objective.pk] if not f.silenced]


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField()
    label = serializers.CharField()
    target = serializers.CharField()
    why = serializers.CharField()
    fix = serializers.CharField()
    message = serializers.CharField()
    silenced = serializers.BooleanField()
    reason = serializers.CharField()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["target"] = instance.target
        return data


class CoachRuleSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_code_display", read_only=True)
    defaults = serializers.SerializerMethodField()

    class Meta:
        model = CoachRule
        fields = ["code", "label", "enabled", "params", "defaults", "updated_by", "updated_at"]
        read_only_fields = ["code", "label", "defaults", "updated_by", "updated_at"]

    def get_defaults(self, row: CoachRule) -> dict:
        return RULES[row.code].defaults


class CoachRuleWriteSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(required=False)
    params = serializers.JSONField(required=False)


class CoachRuleViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The company's coach rules: every member reads them; HR admin switches them and sets thresholds."""

    serializer_class = CoachRuleSerializer
    lookup_field = "code"
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        if not rules.has_perm("coach.view_coachrule", self.request.user):
            return CoachRule.objects.none()
        return CoachRule.objects.order_by("pk")

    @extend_schema(request=CoachRuleWriteSerializer, responses=CoachRuleSerializer)
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        row = self.get_object()
        serializer = CoachRuleWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services.coach_rule_update(by=request.user, code=row.code, **serializer.validated_data)
        return Response(CoachRuleSerializer(row).data)


class SilenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Silence
        fields = ["id", "objective", "key_result", "rule", "reason", "by", "at"]
        read_only_fields = ["id", "by", "at"]


class SilenceWriteSerializer(serializers.Serializer):
    objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.none())
    key_result = serializers.PrimaryKeyRelatedField(queryset=KeyResult.objects.all(), required=False,
                                                    allow_null=True)
    rule = serializers.ChoiceField(choices=Rule.choices)
    reason = serializers.CharField(max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["objective"].queryset = objectives_visible_to(getattr(request, "user", None))


class SilenceViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Findings silenced on goals the caller may see; the owner, their managers, the unit's leads or HR
    silence one (with a reason) and lift it."""

    serializer_class = SilenceSerializer
    filterset_fields = ["objective", "key_result", "rule"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        if not rules.has_perm("coach.view_finding", user):
            return Silence.objects.none()
        return Silence.objects.filter(objective_visibility_q(user, prefix="objective__")).order_by("-at", "-pk")

    @extend_schema(request=SilenceWriteSerializer, responses={201: SilenceSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = SilenceWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        silence = services.silence_create(by=request.user, **serializer.validated_data)
        return Response(SilenceSerializer(silence).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        silence = selectors.silence_detail(request.user, kwargs["pk"])
        services.silence_delete(by=request.user, silence=silence)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PeriodQuery(serializers.Serializer):
    period = serializers.CharField(required=False, allow_blank=True)
    unit = serializers.IntegerField(required=False, min_value=1)


def _period_or_400(request: Request):
    query = PeriodQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    try:
        period = period_detail(request.user, query.validated_data.get("period"))
    except Http404:
        raise serializers.ValidationError({"period": ["No such period."]}) from None
    return period, query.validated_data.get("unit")


class UnitFindingsView(APIView):
    """Every finding on a unit's objectives (its sub-units and members included) for a period, one page at a
    time (``rule`` narrows it to one rule), with the count per rule; silenced findings only with ``silenced=1``."""

    @extend_schema(parameters=[OpenApiParameter("period", str, description="period id or code"),
                               OpenApiParameter("rule", str, enum=Rule.values),
                               OpenApiParameter("silenced", bool)],
                   responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description=(
                       "Paginated findings (`objective`, `rule`, `message`, `target`), plus `unit`, `period`, "
                       "`objectives`, `flagged`, `rules` (`rule`, `label`, `count`) and `silenced_count`."))})
    def get(self, request: Request, pk: int) -> Response:
        unit = unit_detail(request.user, pk)
        period, _ = _period_or_400(request)
        rule = request.query_params.get("rule", "")
        if rule and rule not in Rule.values:
            raise serializers.ValidationError({"rule": [f"Unknown rule; one of {', '.join(Rule.values)}."]})
        summary = selectors.unit_summary(request.user, unit, period)
        if request.query_params.get("silenced") in ("1", "true"):
            rows = summary["silenced"]
        else:
            rows = [row for g in summary["groups"] if not rule or g["rule"] == rule for row in g["rows"]]
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        response = paginator.get_paginated_response(
            [{"objective": row["objective"].pk, **FindingSerializer(row["finding"]).data} for row in page])
        response.data.update({
            "unit": unit.pk, "period": period.pk, "objectives": summary["objectives"], "flagged": summary["flagged"],
            "rules": [{"rule": g["rule"], "label": str(g["label"]), "count": len(g["rows"])}
                      for g in summary["groups"]],
            "silenced_count": len(summary["silenced"]),
        })
        return response


def _number(value):
    return float(value) if value is not None else None


class RetrospectiveView(APIView):
    """The period retrospective of a unit (``unit``) or of the company (no ``unit``)."""

    @extend_schema(parameters=[OpenApiParameter("period", str, description="period id or code"),
                               OpenApiParameter("unit", int, description="a unit; the company without it")],
                   responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description=(
                       "`unit`, `company`, `period`, `objectives`, `average_score`, `zones`, `distribution`, "
                       "`key_results`, `check_ins`, `check_ins_per_key_result_per_week`, `weekly`, `dependencies`."))})
    def get(self, request: Request) -> Response:
        period, unit_id = _period_or_400(request)
        unit = selectors.retrospective_unit_detail(request.user, unit_id)
        data = retrospective(request.user, unit, period)
        return Response({
            "unit": unit.pk, "company": data["company"], "period": period.pk, "objectives": data["objectives"],
            "average_score": _number(data["average"]), "zones": data["zones"],
            "distribution": [{"low": float(b["low"]), "high": float(b["high"]), "count": b["count"]}
                             for b in data["distribution"]],
            "key_results": data["key_results"], "check_ins": data["check_ins"],
            "check_ins_per_key_result_per_week": data["check_ins_per_key_result_per_week"],
            "weekly": [{"week": w["week"].isoformat(), "check_ins": w["check_ins"], "confidence": w["confidence"],
                        "check_ins_per_key_result": w["per_key_result"]} for w in data["weekly"]],
            "dependencies": data["dependencies"],
        })
