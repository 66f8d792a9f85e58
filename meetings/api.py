"""/api/meeting-series/, /api/meetings/ (+ invite.ics), /api/talking-points/, /api/action-items/,
/api/meeting-notes/. Reads are scoped by ``meetings.selectors``; writes go through ``meetings.services``."""

from __future__ import annotations

import django_filters
import rules
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from people.models import Person, Unit

from . import selectors, services
from .agenda import agenda
from .api_agenda import agenda_json
from .invite import meeting_ics, meeting_title
from .models import ActionItem, Meeting, Note, Series, TalkingPoint


def _body(request, serializer_class) -> dict:
    if not isinstance(request.data, dict):
        raise ValidationError({"detail": "the body must be a JSON object"})
    unknown = set(request.data) - set(serializer_class().fields)
    if unknown:
        raise ValidationError({name: ["This field cannot be written here."] for name in sorted(unknown)})
    serializer = serializer_class(data=request.data, partial=request.method == "PATCH")
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _meeting_for(request, pk) -> Meeting:
    try:
        return selectors.meeting_detail(request.user, pk)
    except Http404:
        raise ValidationError({"meeting": ["No such meeting."]}) from None


class WriteViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_serializer: type[serializers.Serializer]
    update_serializer: type[serializers.Serializer]

    def _answer(self, obj, status: int = 200) -> Response:
        return Response(self.get_serializer(obj).data, status=status)

    def create(self, request, *args, **kwargs):
        return self._answer(self.perform(None, _body(request, self.create_serializer)), 201)

    def partial_update(self, request, *args, **kwargs):
        return self._answer(self.perform(self.get_object(), _body(request, self.update_serializer)))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


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


# --- in a meeting -----------------------------------------------------------------------------------------


class TalkingPointSerializer(serializers.ModelSerializer):
    closed = serializers.SerializerMethodField()

    class Meta:
        model = TalkingPoint
        fields = ["id", "series", "meeting", "side", "author", "text", "closed", "closed_at", "closed_in",
                  "created_at"]

    def get_closed(self, point: TalkingPoint) -> bool:
        return point.closed_at is not None


class TalkingPointCreate(serializers.Serializer):
    meeting = serializers.IntegerField()
    text = serializers.CharField(max_length=services.TEXT_LIMIT)


class TalkingPointUpdate(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_LIMIT, required=False)
    closed = serializers.BooleanField(required=False)
    meeting = serializers.IntegerField(required=False, help_text="the meeting it is closed in")


class OpenFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(field_name="meeting_id")
    series = django_filters.NumberFilter(field_name="series_id")


class TalkingPointFilter(OpenFilter):
    open = django_filters.BooleanFilter(field_name="closed_at", lookup_expr="isnull")

    class Meta:
        model = TalkingPoint
        fields = ["meeting", "series", "open"]


class TalkingPointViewSet(WriteViewSet):
    """One-on-one talking points: either side adds (POST ``{"meeting", "text"}``); PATCH ``{"closed": true}``
    closes one (``"meeting"``: the meeting it was closed in); open points roll over to the next meeting."""

    serializer_class = TalkingPointSerializer
    filterset_class = TalkingPointFilter
    create_serializer, update_serializer = TalkingPointCreate, TalkingPointUpdate

    def get_queryset(self):
        return selectors.talking_points_visible_to(self.request.user).order_by("pk")

    def get_object(self):
        return selectors.talking_point_detail(self.request.user, self.kwargs.get("pk"))

    def perform(self, point, data):
        if point is None:
            return services.talking_point_add(meeting=_meeting_for(self.request, data["meeting"]),
                                              by=self.request.user, text=data["text"])
        meeting = _meeting_for(self.request, data["meeting"]) if "meeting" in data else None
        return services.talking_point_update(point=point, by=self.request.user, text=data.get("text"),
                                             closed=data.get("closed"), meeting=meeting)


class ActionItemSerializer(serializers.ModelSerializer):
    done = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = ["id", "series", "meeting", "text", "owner", "due_on", "done", "done_at", "created_by", "created_at"]

    def get_done(self, item: ActionItem) -> bool:
        return item.done_at is not None


class ActionItemCreate(serializers.Serializer):
    meeting = serializers.IntegerField()
    text = serializers.CharField(max_length=services.TEXT_LIMIT)
    owner = serializers.IntegerField()
    due_on = serializers.DateField(required=False, allow_null=True)


class ActionItemUpdate(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_LIMIT, required=False)
    owner = serializers.IntegerField(required=False)
    due_on = serializers.DateField(required=False, allow_null=True)
    done = serializers.BooleanField(required=False)


class ActionItemFilter(OpenFilter):
    open = django_filters.BooleanFilter(field_name="done_at", lookup_expr="isnull")
    owner = django_filters.NumberFilter(field_name="owner_id")

    class Meta:
        model = ActionItem
        fields = ["meeting", "series", "open", "owner"]


class ActionItemViewSet(WriteViewSet):
    """Action items with an owner and a due date; open ones show in every next agenda of the series until done.
    POST ``{"meeting", "text", "owner", "due_on"}``; PATCH ``{"done": true}`` (owner, author, who runs it)."""

    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    create_serializer, update_serializer = ActionItemCreate, ActionItemUpdate

    def get_queryset(self):
        return selectors.action_items_visible_to(self.request.user).order_by("pk")

    def get_object(self):
        return selectors.action_item_detail(self.request.user, self.kwargs.get("pk"))

    def perform(self, item, data):
        if item is None:
            return services.action_item_add(meeting=_meeting_for(self.request, data["meeting"]),
                                            by=self.request.user, text=data["text"], owner=data["owner"],
                                            due_on=data.get("due_on"))
        return services.action_item_update(item=item, by=self.request.user, text=data.get("text"),
                                           owner=data.get("owner"), due_on=data.get("due_on", ...),
                                           done=data.get("done"))


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "meeting", "kind", "author", "text", "created_at", "updated_at"]


class NoteCreate(serializers.Serializer):
    meeting = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Note.Kind.choices, required=False)
    text = serializers.CharField(max_length=services.TEXT_LIMIT)


class NoteUpdate(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_LIMIT)


class NoteFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(field_name="meeting_id")
    kind = django_filters.ChoiceFilter(choices=Note.Kind.choices)

    class Meta:
        model = Note
        fields = ["meeting", "kind"]


class NoteViewSet(WriteViewSet):
    """Shared notes and decisions of a meeting: POST ``{"meeting", "kind": "note"|"decision", "text"}``."""

    serializer_class = NoteSerializer
    filterset_class = NoteFilter
    create_serializer, update_serializer = NoteCreate, NoteUpdate

    def get_queryset(self):
        return selectors.notes_visible_to(self.request.user).order_by("pk")

    def get_object(self):
        return selectors.note_detail(self.request.user, self.kwargs.get("pk"))

    def perform(self, note, data):
        if note is None:
            return services.note_add(meeting=_meeting_for(self.request, data["meeting"]), by=self.request.user,
                                     text=data["text"], kind=data.get("kind", Note.Kind.NOTE))
        return services.note_update(note=note, by=self.request.user, text=data["text"])


def register(router) -> None:
    router.register("meeting-series", SeriesViewSet, basename="meeting-series")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("talking-points", TalkingPointViewSet, basename="talking-point")
    router.register("action-items", ActionItemViewSet, basename="action-item")
    router.register("meeting-notes", NoteViewSet, basename="meeting-note")
