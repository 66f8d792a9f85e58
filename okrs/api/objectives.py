"""API of periods, objectives, key results and check-ins."""

from __future__ import annotations

from collections.abc import Callable

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from common.api import json_body
from people.models import Person, Unit

from .. import selectors, services
from ..models import CheckIn, KeyResult, Objective, Period
from .common import TransitionsField, TransitionsMixin, caller, fraction, number


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "code", "kind", "start", "end"]


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PeriodSerializer
    filterset_fields = ["kind", "code"]

    def get_queryset(self):
        return selectors.periods_visible_to(self.request.user).order_by("start", "-end", "pk")


KEY_RESULT_FIELDS = [
    "id", "objective", "title", "kind", "start", "target", "current", "unit_label", "weight", "owner",
    "confidence", "progress", "grade", "grade_comment", "position",
]


class KeyResultSerializer(serializers.ModelSerializer):
    start = number(read_only=True)
    target = number(read_only=True)
    current = number(read_only=True)
    weight = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False, read_only=True)
    progress = fraction(read_only=True)
    grade = fraction(read_only=True, allow_null=True)

    class Meta:
        model = KeyResult
        fields = KEY_RESULT_FIELDS
        read_only_fields = KEY_RESULT_FIELDS


# Read-only fields that apps built on the goals add to every objective (the OKR coach adds ``coach``): okrs
# imports none of them, so each registers its field at start-up (``AppConfig.ready``) with ``add_objective_field``.
_extra_fields: dict[str, Callable[[], serializers.Field]] = {}


def add_objective_field(name: str, make: Callable[[], serializers.Field]) -> None:
    """Give every serialised objective the read-only field ``name`` that ``make()`` builds."""
    _extra_fields[name] = make


class ObjectiveSerializer(serializers.ModelSerializer):
    score = fraction(read_only=True)
    zone = serializers.CharField(read_only=True)
    transitions = TransitionsField()
    key_results = KeyResultSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = [
            "id", "title", "description", "level", "unit", "owner", "period", "parent_key_result",
            "parent_objective", "private", "score", "zone", "state", "return_reason", "transitions",
            "key_results", "created_by", "created_at", "updated_at",
        ]
        read_only_fields = fields

    def get_fields(self):
        fields = super().get_fields()
        for name, make in _extra_fields.items():
            fields[name] = make()
        return fields


class ObjectiveWriteSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.select_related("unit"), required=False, allow_null=True
    )
    period = serializers.PrimaryKeyRelatedField(queryset=Period.objects.all())
    parent_objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.none(), required=False,
                                                          allow_null=True)
    parent_key_result = serializers.PrimaryKeyRelatedField(queryset=KeyResult.objects.none(), required=False,
                                                           allow_null=True)

    class Meta:
        model = Objective
        fields = ["title", "description", "level", "unit", "owner", "period", "parent_objective",
                  "parent_key_result", "private"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = caller(self)
        # A parent the caller cannot see does not exist for them.
        self.fields["parent_objective"].queryset = selectors.objectives_visible_to(user).select_related(
            "parent_key_result__objective", "parent_objective"
        )
        self.fields["parent_key_result"].queryset = selectors.key_results_visible_to(user).select_related(
            "objective__period"
        )


class ObjectiveFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Objective.Level.choices)
    state = django_filters.ChoiceFilter(choices=Objective.State.choices)
    unit = django_filters.NumberFilter(field_name="unit_id")
    owner = django_filters.NumberFilter(field_name="owner_id")
    period = django_filters.NumberFilter(field_name="period_id")
    parent_objective = django_filters.NumberFilter(field_name="parent_objective_id")
    parent_key_result = django_filters.NumberFilter(field_name="parent_key_result_id")

    class Meta:
        model = Objective
        fields = ["level", "state", "unit", "owner", "period", "parent_objective", "parent_key_result"]


class ObjectiveViewSet(TransitionsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    """Objectives: every member reads the non-private ones; transitions submit, agree, return, activate, close."""

    filterset_class = ObjectiveFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.objectives_visible_to(self.request.user).order_by("period__start", "level", "pk")

    def paginate_queryset(self, queryset):
        """Choose the page by ids alone, then load those rows with everything the serializer reads: the wide
        joins touch one page of objectives instead of every objective the caller may see."""
        page = super().paginate_queryset(queryset.select_related(None).prefetch_related(None)
                                         .values_list("pk", flat=True))
        if page is None:
            return None
        loaded = queryset.in_bulk(page)
        return [loaded[pk] for pk in page]

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return ObjectiveWriteSerializer
        return ObjectiveSerializer

    def _answer(self, objective: Objective, code: int) -> Response:
        fresh = self.get_queryset().get(pk=objective.pk)
        data = dict(ObjectiveSerializer(fresh, context=self.get_serializer_context()).data)
        data["warnings"] = services.objective_warnings(fresh)
        return Response(data, status=code)

    @extend_schema(request=ObjectiveWriteSerializer, responses={201: ObjectiveSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = ObjectiveWriteSerializer(data=json_body(request), context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        objective = services.objective_create(by=request.user, **serializer.validated_data)
        return self._answer(objective, status.HTTP_201_CREATED)

    @extend_schema(request=ObjectiveWriteSerializer, responses=ObjectiveSerializer)
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        objective = self.get_object()
        serializer = ObjectiveWriteSerializer(
            objective, data=json_body(request), partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        objective = services.objective_update(objective=objective, by=request.user, **serializer.validated_data)
        return self._answer(objective, status.HTTP_200_OK)

    def update(self, request: Request, *args, **kwargs) -> Response:
        return self.partial_update(request, *args, **kwargs)


class KeyResultWriteSerializer(serializers.ModelSerializer):
    objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.none())
    owner = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    start = number(required=False)
    target = number(required=False)
    current = number(required=False)
    weight = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False, required=False)
    position = serializers.IntegerField(min_value=0, max_value=100, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, write_only=True)

    class Meta:
        model = KeyResult
        fields = ["objective", "title", "kind", "start", "target", "current", "unit_label", "weight", "owner",
                  "position", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = selectors.objectives_visible_to(caller(self))
        if self.partial:
            self.fields["objective"].read_only = True


class CheckInSerializer(serializers.ModelSerializer):
    value = number()
    confidence = serializers.IntegerField(min_value=0, max_value=10)
    author = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CheckIn
        fields = ["id", "key_result", "value", "confidence", "note", "author", "created_at"]
        read_only_fields = ["id", "key_result", "author", "created_at"]


class KeyResultFilter(django_filters.FilterSet):
    objective = django_filters.NumberFilter(field_name="objective_id")
    owner = django_filters.NumberFilter(field_name="owner_id")
    period = django_filters.NumberFilter(field_name="objective__period_id")

    class Meta:
        model = KeyResult
        fields = ["objective", "owner", "period"]


class KeyResultViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Key results; after their objective is agreed a change needs ``reason`` and is logged."""

    filterset_class = KeyResultFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.key_results_visible_to(self.request.user).order_by("objective_id", "position", "pk")

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return KeyResultWriteSerializer
        if self.action == "check_ins":
            return CheckInSerializer
        return KeyResultSerializer

    def _answer(self, key_result: KeyResult, code: int) -> Response:
        fresh = self.get_queryset().get(pk=key_result.pk)
        return Response(KeyResultSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=KeyResultWriteSerializer, responses={201: KeyResultSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = KeyResultWriteSerializer(data=json_body(request), context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        key_result = services.key_result_create(by=request.user, **serializer.validated_data)
        return self._answer(key_result, status.HTTP_201_CREATED)

    @extend_schema(request=KeyResultWriteSerializer, responses=KeyResultSerializer)
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        key_result = self.get_object()
        serializer = KeyResultWriteSerializer(
            key_result, data=json_body(request), partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("objective", None)
        key_result = services.key_result_update(key_result=key_result, by=request.user, **data)
        return self._answer(key_result, status.HTTP_200_OK)

    def update(self, request: Request, *args, **kwargs) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=CheckInSerializer, responses=CheckInSerializer)
    @action(detail=True, methods=["get", "post"], url_path="check-ins")
    def check_ins(self, request: Request, pk=None) -> Response:
        key_result = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.check_ins_of(request.user, key_result))
            return self.get_paginated_response(CheckInSerializer(page, many=True).data)
        serializer = CheckInSerializer(data=json_body(request))
        serializer.is_valid(raise_exception=True)
        check_in = services.check_in_create(key_result=key_result, by=request.user, **serializer.validated_data)
        fresh = self.get_queryset().get(pk=key_result.pk)
        data = dict(CheckInSerializer(check_in).data)
        # The recomputed figures travel back with the check-in, so a client needs no second request.
        data["progress"] = float(fresh.progress)
        data["objective_score"] = float(fresh.objective.score)
        return Response(data, status=status.HTTP_201_CREATED)
