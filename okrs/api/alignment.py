"""API of dependencies (horizontal alignment) and development goals."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from common.api import json_body
from people.models import Person, Unit

from .. import selectors, services
from ..models import Dependency, DevelopmentGoal, KeyResult, Objective, Period
from .common import TransitionsField, TransitionsMixin, caller

DEPENDENCY_FIELDS = [
    "id", "from_unit", "to_unit", "objective", "key_result", "message", "state", "transitions", "response",
    "responded_by", "responded_at", "created_by", "created_at",
]


class DependencySerializer(serializers.ModelSerializer):
    transitions = TransitionsField()

    class Meta:
        model = Dependency
        fields = DEPENDENCY_FIELDS
        read_only_fields = DEPENDENCY_FIELDS


class DependencyWriteSerializer(serializers.ModelSerializer):
    objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.none())
    key_result = serializers.PrimaryKeyRelatedField(queryset=KeyResult.objects.all(), required=False, allow_null=True)
    to_unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())

    class Meta:
        model = Dependency
        fields = ["objective", "key_result", "to_unit", "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = selectors.objectives_visible_to(caller(self))


class DependencyFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Dependency.State.choices)
    objective = django_filters.NumberFilter(field_name="objective_id")
    from_unit = django_filters.NumberFilter(field_name="from_unit_id")
    to_unit = django_filters.NumberFilter(field_name="to_unit_id")
    unit = django_filters.NumberFilter(method="either_side", label="unit (asking or asked)")

    class Meta:
        model = Dependency
        fields = ["state", "objective", "from_unit", "to_unit", "unit"]

    def either_side(self, queryset, name, value):
        return queryset.filter(Q(from_unit_id=value) | Q(to_unit_id=value))


class DependencyViewSet(TransitionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Requests for contribution between units; the asked unit's lead accepts or declines (with a reason)."""

    filterset_class = DependencyFilter

    def get_queryset(self):
        return selectors.dependencies_visible_to(self.request.user).select_related("to_unit__lead").order_by(
            "-created_at", "-pk"
        )

    def get_serializer_class(self):
        return DependencyWriteSerializer if self.action == "create" else DependencySerializer

    @extend_schema(request=DependencyWriteSerializer, responses={201: DependencySerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = DependencyWriteSerializer(data=json_body(request), context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        dependency = services.dependency_create(by=request.user, **serializer.validated_data)
        fresh = self.get_queryset().get(pk=dependency.pk)
        return Response(DependencySerializer(fresh, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


GOAL_FIELDS = [
    "id", "person", "period", "title", "competency", "actions", "support_needed", "due_date", "status",
    "progress_notes", "source", "created_at", "updated_at",
]


class DevelopmentGoalSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.select_related("unit"), required=False)
    period = serializers.PrimaryKeyRelatedField(queryset=Period.objects.all(), required=False, allow_null=True)

    class Meta:
        model = DevelopmentGoal
        fields = GOAL_FIELDS
        read_only_fields = ["id", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and self.partial:
            self.fields["person"].read_only = True
            self.fields["source"].read_only = True


class DevelopmentGoalFilter(django_filters.FilterSet):
    person = django_filters.NumberFilter(field_name="person_id")
    period = django_filters.NumberFilter(field_name="period_id")
    status = django_filters.ChoiceFilter(choices=DevelopmentGoal.Status.choices)

    class Meta:
        model = DevelopmentGoal
        fields = ["person", "period", "status"]


class DevelopmentGoalViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Development goals: read by the person, their management chain and HR; written by the person and manager."""

    serializer_class = DevelopmentGoalSerializer
    filterset_class = DevelopmentGoalFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.development_goals_visible_to(self.request.user).order_by("due_date", "pk")

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=json_body(request))
        serializer.is_valid(raise_exception=True)
        goal = services.development_goal_create(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(goal).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        goal = self.get_object()
        serializer = self.get_serializer(goal, data=json_body(request), partial=True)
        serializer.is_valid(raise_exception=True)
        goal = services.development_goal_update(goal=goal, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(goal).data)

    def update(self, request: Request, *args, **kwargs) -> Response:
        return self.partial_update(request, *args, **kwargs)
