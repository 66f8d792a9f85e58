"""What every goals endpoint shares: running a transition, the transitions field, decimals as numbers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from workflows.runner import available_transitions, run_transition


def number(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=18, decimal_places=4, coerce_to_string=False, **kwargs)


def fraction(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=5, decimal_places=4, coerce_to_string=False, **kwargs)


class TransitionsField(serializers.Field):
    """The names of the transitions the caller may run now (from loaded data: no query per row)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj) -> list[str]:
        return available_transitions(obj, self.context["request"].user)


extend_schema_field({"type": "array", "items": {"type": "string"}})(TransitionsField)


def caller(serializer: serializers.Serializer):
    """The requesting user; None while the schema generator builds serializers without a request."""
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class TransitionRequest(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True)


def body_of(request: Request) -> dict:
    data = request.data
    if not isinstance(data, dict):
        if hasattr(data, "dict"):
            return data.dict()
        raise ValidationError("The body must be a JSON object.")
    return data


class TransitionsMixin:
    """``POST <object>/transitions/<name>/``: 404 when not visible, 403 not allowed, 409 wrong state."""

    # Per transition, the body fields passed on to it besides ``reason``.
    transition_fields: dict[str, tuple[str, ...]] = {}

    @extend_schema(
        request=TransitionRequest,
        parameters=[OpenApiParameter("name", OpenApiTypes.STR, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)")
    def transition(self, request: Request, pk=None, name: str = "") -> Response:
        obj = self.get_object()
        body = body_of(request)
        reason = body.get("reason") or ""
        if not isinstance(reason, str):
            raise ValidationError({"reason": ["A reason is text."]})
        data = {field: body[field] for field in self.transition_fields.get(name, ()) if field in body}
        run_transition(obj, name, by=request.user, reason=reason, **data)
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(fresh).data)
