"""API of review cycles: /api/cycles/ (+ transitions, copy, sync; the progress is the reviews' API)."""

from __future__ import annotations

import rules
from django.core.exceptions import NON_FIELD_ERRORS
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from common.api import json_body
from okrs.models import Period
from people.models import Unit
from workflows.api import TransitionsField, TransitionsMixin
from workflows.participants import cycle_sync_participants

from .models import RatingScale, ReviewCycle, ReviewTemplate
from .selectors import cycle_queryset, cycles_visible_to
from .services import as_errors, cycle_copy, cycle_create, cycle_delete, cycle_problems, cycle_update

LEVELS = serializers.ListField(child=serializers.DictField())


class CycleSerializer(serializers.ModelSerializer):
    transitions = TransitionsField()
    periods = serializers.PrimaryKeyRelatedField(many=True, queryset=Period.objects.all(), required=False)
    participant_units = serializers.PrimaryKeyRelatedField(many=True, queryset=Unit.objects.all(), required=False)
    template = serializers.PrimaryKeyRelatedField(queryset=ReviewTemplate.objects.all(), required=False)
    final_scale = serializers.SerializerMethodField()
    potential_scale = serializers.SerializerMethodField()
    final_scale_id = serializers.PrimaryKeyRelatedField(
        source="final_scale", queryset=RatingScale.objects.all(), required=False, write_only=True
    )
    potential_scale_id = serializers.PrimaryKeyRelatedField(
        source="potential_scale", queryset=RatingScale.objects.all(), required=False, allow_null=True,
        write_only=True,
    )
    deadlines = serializers.DictField(child=serializers.CharField(allow_blank=True, allow_null=True), required=False)
    group_weights = serializers.DictField(child=serializers.FloatField(), required=False)

    class Meta:
        model = ReviewCycle
        fields = [
            "id", "name", "periods", "state", "transitions", "deadlines", "anonymity", "anonymity_threshold",
            "min_respondents", "max_respondents", "participant_units", "final_scale", "potential_scale",
            "max_requests_per_respondent", "hired_before", "template", "group_weights", "feedback_phase",
            "calibration_phase", "copied_from", "final_scale_id", "potential_scale_id",
        ]
        read_only_fields = ["state", "copied_from"]

    @extend_schema_field(LEVELS)
    def get_final_scale(self, cycle: ReviewCycle) -> list[dict]:
        return [{"value": lv.value, "label": lv.label} for lv in cycle.final_scale.levels.all()]

    @extend_schema_field(LEVELS)
    def get_potential_scale(self, cycle: ReviewCycle) -> list[dict]:
        scale = cycle.potential_scale
        return [{"value": lv.value, "label": lv.label} for lv in scale.levels.all()] if scale else []

    def validate(self, attrs):
        """The services' one check of a configuration (the page's too), every problem at once."""
        fields = dict(attrs)
        if self.instance is None:
            fields.setdefault("name", "")
        # A problem of the whole cycle (a closed one) is left to the service, which answers it as the detail.
        errors = as_errors([p for p in cycle_problems(cycle=self.instance, **fields) if p.field != NON_FIELD_ERRORS])
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def create(self, validated):
        return cycle_create(by=self.context["request"].user, **validated)

    def update(self, cycle, validated):
        return cycle_update(cycle=cycle, by=self.context["request"].user, **validated)


class CycleViewSet(TransitionsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin,
                   viewsets.ReadOnlyModelViewSet):
    """Review cycles: every member reads the launched ones (HR the drafts too); HR admins configure and run
    them, and delete a draft (409 once launched)."""

    serializer_class = CycleSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filterset_fields = ["state"]

    def get_queryset(self):
        return cycle_queryset(cycles_visible_to(self.request.user))

    def _require(self, perm: str, obj=None) -> None:
        if not rules.has_perm(perm, self.request.user, obj):
            raise PermissionDenied("Only HR admins configure review cycles.")

    def perform_create(self, serializer):
        self._require("cycles.add_reviewcycle")
        serializer.save()

    def perform_update(self, serializer):
        self._require("cycles.change_reviewcycle", serializer.instance)
        cycle = serializer.save()
        if {"participant_units", "hired_before"} & set(serializer.validated_data):
            # Who takes part changed: a running cycle follows at once (a draft has no reviews yet).
            cycle_sync_participants(cycle, by=self.request.user)

    def perform_destroy(self, cycle):
        cycle_delete(cycle=cycle, by=self.request.user)

    def transition_response(self, obj):
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data)

    @extend_schema(request=None, responses=CycleSerializer)
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """A new draft cycle with this one's configuration."""
        cycle = self.get_object()
        self._require("cycles.add_reviewcycle")
        name = json_body(request, empty_ok=True).get("name", "")
        copy = cycle_copy(cycle=cycle, by=request.user, name=str(name or ""))
        return Response(self.get_serializer(self.get_queryset().get(pk=copy.pk)).data, status=201)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"])
    def sync(self, request, pk=None):
        """Bring the participants up to date with the org chart (joiners, leavers, manager changes)."""
        cycle = self.get_object()
        self._require("cycles.run_reviewcycle", cycle)
        return Response(cycle_sync_participants(cycle, by=request.user))
