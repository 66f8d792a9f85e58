"""/api/talking-points/, /api/action-items/, /api/meeting-notes/: what is said in a meeting."""

from __future__ import annotations

import django_filters
from rest_framework import serializers

from .. import selectors, services
from ..models import ActionItem, Note, TalkingPoint
from .common import WriteViewSet, meeting_for

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
            return services.talking_point_add(meeting=meeting_for(self.request, data["meeting"]),
                                              by=self.request.user, text=data["text"])
        meeting = meeting_for(self.request, data["meeting"]) if "meeting" in data else None
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
            return services.action_item_add(meeting=meeting_for(self.request, data["meeting"]),
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
            return services.note_add(meeting=meeting_for(self.request, data["meeting"]), by=self.request.user,
                                     text=data["text"], kind=data.get("kind", Note.Kind.NOTE))
        return services.note_update(note=note, by=self.request.user, text=data.get("text"))


