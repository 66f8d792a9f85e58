"""/api/meeting-series/, /api/meetings/ (+ ``invite.ics``), and the routes of the in-meeting endpoints
(``meetings.api.items``). Reads are scoped by ``meetings.selectors``; writes go through ``meetings.services``."""

from __future__ import annotations

import django_filters
import rules
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets

from people.models import Person, Unit

from .. import selectors, services
from ..agenda import agenda
from ..invite import meeting_ics, meeting_title
from ..models import Meeting, Series
from .agenda import agenda_json
from .common import WriteViewSet

# --- series ------------------------------------------------------------------------------------------------


class SeriesSerializer(serializers.ModelSerializer):
    can_manage = serializers.SerializerMethodField()

    class Meta:
        model = Series
        fields = ["id", "kind", "unit", "manager", "report", "weekday", "time", "duration_minutes", "interval_weeks",
                  "starts_on", "active", "can_manage"]

    def get_can_manage(self, series: Series) -> bool:
        return rules.has_perm("meetings.change_series", self.context["request"].user, series)


class SeriesCreate(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Series.Kind.choices)
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True)
    report = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    weekday = serializers.ChoiceField(choices=Series.Weekday.choices, required=False)
    time = serializers.TimeField(required=False)
    duration_minutes = serializers.IntegerField(min_value=5, max_value=240, required=False)
    interval_weeks = serializers.IntegerField(min_value=1, max_value=8, required=False)
    starts_on = serializers.DateField(required=False)


class SeriesUpdate(serializers.Serializer):
    weekday = serializers.ChoiceField(choices=Series.Weekday.choices, required=False)
    time = serializers.TimeField(required=False)
    duration_minutes = serializers.IntegerField(min_value=5, max_value=240, required=False)
    interval_weeks = serializers.IntegerField(min_value=1, max_value=8, required=False)
    starts_on = serializers.DateField(required=False)
    active = serializers.BooleanField(required=False)


class SeriesFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Series.Kind.choices)
    unit = django_filters.NumberFilter(field_name="unit_id")
    report = django_filters.NumberFilter(field_name="report_id")

    class Meta:
        model = Series
        fields = ["kind", "unit", "report", "active"]


class SeriesViewSet(WriteViewSet):
    """Meeting series: a unit's weekly sync, monthly review and quarterly retrospective (written by its lead, a
    lead above or HR admin), one-on-ones of a manager with a direct report (written by the manager)."""

    serializer_class = SeriesSerializer
    filterset_class = SeriesFilter
    create_serializer, update_serializer = SeriesCreate, SeriesUpdate

    def get_queryset(self):
        return selectors.series_visible_to(self.request.user).order_by("pk")

    def get_object(self):
        return selectors.series_detail(self.request.user, self.kwargs.get("pk"))

    def perform(self, series, data):
        if series is None:
            return services.series_create(by=self.request.user, **data)
        return services.series_update(series=series, by=self.request.user, **data)


# --- meetings ------------------------------------------------------------------------------------------------


class MeetingSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="series.kind", read_only=True)
    title = serializers.SerializerMethodField()
    invite = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "series", "kind", "title", "index", "scheduled_at", "duration_minutes", "presenter",
                  "invite"]

    def get_title(self, meeting: Meeting) -> str:
        return meeting_title(meeting)

    def get_invite(self, meeting: Meeting) -> str:
        return reverse("api-meeting-invite", args=[meeting.pk])

    def to_representation(self, meeting: Meeting) -> dict:
        data = super().to_representation(meeting)
        if self.context.get("agenda"):
            data["agenda"] = agenda_json(agenda(self.context["request"].user, meeting))
        return data


class MeetingFilter(django_filters.FilterSet):
    series = django_filters.NumberFilter(field_name="series_id")
    kind = django_filters.ChoiceFilter(field_name="series__kind", choices=Series.Kind.choices)
    unit = django_filters.NumberFilter(field_name="series__unit_id")
    after = django_filters.IsoDateTimeFilter(field_name="scheduled_at", lookup_expr="gte")
    before = django_filters.IsoDateTimeFilter(field_name="scheduled_at", lookup_expr="lt")
    upcoming = django_filters.BooleanFilter(method="filter_upcoming")

    class Meta:
        model = Meeting
        fields = ["series", "kind", "unit", "after", "before"]

    def filter_upcoming(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(scheduled_at__gte=now) if value else queryset.filter(scheduled_at__lt=now)


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings (generated from their series); the detail carries the agenda built for the caller."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return selectors.meetings_visible_to(self.request.user).order_by("scheduled_at", "pk")

    def get_object(self):
        return selectors.meeting_detail(self.request.user, self.kwargs.get("pk"))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "agenda": self.action == "retrieve"}

    # Routed in config/urls.py as ``meetings/{id}/invite.ics``.
    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY}, operation_id="meetings_invite_ics")
    def invite(self, request, pk=None):
        """The meeting's calendar invite."""
        meeting = self.get_object()
        url = request.build_absolute_uri(reverse("meetings:meeting", args=[meeting.pk]))
        response = HttpResponse(meeting_ics(meeting, url=url), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
        return response
