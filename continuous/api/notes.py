"""/api/notes/: a manager's private notes about one report; the author alone (and HR admin) reads them."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from .. import selectors, services
from ..models import ManagerNote
from ..services.notes import NOTE_LIMIT
from .common import WriteViewSet, person_filter


@extend_schema_serializer(component_name="ManagerNote")
class NoteSerializer(serializers.ModelSerializer):
    created = serializers.DateTimeField(source="created_at", read_only=True)
    updated = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = ManagerNote
        fields = ["id", "author", "about", "text", "created", "updated"]


class NoteCreate(serializers.Serializer):
    about = serializers.IntegerField(help_text="person id: someone below you in the reporting line")
    text = serializers.CharField(max_length=NOTE_LIMIT)


class NoteUpdate(serializers.Serializer):
    text = serializers.CharField(max_length=NOTE_LIMIT)


class NoteFilter(django_filters.FilterSet):
    about = person_filter("about")
    q = django_filters.CharFilter(method="search", help_text="words the note (or the person's name) contains")

    class Meta:
        model = ManagerNote
        fields = ["about", "q"]

    def search(self, qs, name, value):
        return selectors.notes_search(qs, value[: selectors.notes.QUERY_LIMIT])


class NoteViewSet(WriteViewSet):
    """POST ``{"about", "text"}``; PATCH ``{"text"}`` (the author only: HR admin reads, 403)."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    serializer_class = NoteSerializer
    filterset_class = NoteFilter
    create_serializer, update_serializer = NoteCreate, NoteUpdate

    def get_queryset(self):
        return selectors.notes_visible_to(self.request.user).order_by("-created_at", "-pk")

    def get_object_for(self, pk):
        return selectors.note_detail(self.request.user, pk)

    def perform(self, note, data):
        if note is None:
            return services.note_create(by=self.request.user, about=data["about"], text=data["text"])
        return services.note_update(note=note, by=self.request.user, text=data["text"])
