"""What the meetings API viewsets share: a strict JSON body and the create/update plumbing over services."""

from __future__ import annotations

from django.http import Http404
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common.api import validated_body

from .. import selectors
from ..models import Meeting


def meeting_for(request, pk) -> Meeting:
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
        return self._answer(self.perform(None, validated_body(request, self.create_serializer)), 201)

    def partial_update(self, request, *args, **kwargs):
        return self._answer(self.perform(self.get_object(), validated_body(request, self.update_serializer)))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


