"""What the viewsets share: a strict JSON body run through one service, the created object answered whole."""

from __future__ import annotations

import django_filters
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from common.api import validated_body


class WriteViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """GET list and detail, POST through ``perform(None, data)``; PATCH only where ``update_serializer`` is."""

    http_method_names = ["get", "post", "head", "options"]
    create_serializer: type[serializers.Serializer]
    update_serializer: type[serializers.Serializer] | None = None

    def _answer(self, obj, status: int = 200) -> Response:
        return Response(self.get_serializer(obj).data, status=status)

    def create(self, request, *args, **kwargs):
        created = self.perform(None, validated_body(request, self.create_serializer))
        return self._answer(self.get_object_after(created), 201)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        changed = self.perform(obj, validated_body(request, self.update_serializer))
        return self._answer(self.get_object_after(changed))

    def get_object_after(self, obj):
        """The written object read back through the reader's selector (its relations loaded)."""
        return self.get_object_for(obj.pk)

    def get_object(self):
        return self.get_object_for(self.kwargs.get("pk"))

    def get_object_for(self, pk):
        raise NotImplementedError

    def perform(self, obj, data):
        raise NotImplementedError


def person_filter(field: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=f"{field}_id")
