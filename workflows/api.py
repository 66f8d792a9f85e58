"""The HTTP face of the runner: ``POST <object>/transitions/<name>/`` for any flow-backed viewset."""

from __future__ import annotations

import inspect
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from common.api import json_body

from .errors import UnknownTransition
from .registry import flow_for
from .runner import available_transitions, run_transition

TransitionBody = inline_serializer(
    "TransitionBody",
    fields={"reason": serializers.CharField(required=False, allow_blank=True)},
)


def transition_kwargs(flow_class, name: str, body: Any) -> dict[str, Any]:
    """The body's fields that the transition method takes; 400 for a missing required one."""
    method = getattr(flow_class, name, None)
    func = getattr(method, "_func", None)
    if func is None or name.startswith("_"):
        raise UnknownTransition(name)
    body = body or {}
    kwargs: dict[str, Any] = {}
    missing: dict[str, list[str]] = {}
    for param in list(inspect.signature(func).parameters.values())[1:]:
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if param.name in body:
            kwargs[param.name] = body[param.name]
        elif param.default is param.empty:
            missing[param.name] = ["This field is required."]
    if missing:
        raise ValidationError(missing)
    return kwargs


class TransitionsMixin:
    """Adds the transitions action to a viewset whose ``get_object`` is already access-checked (404)."""

    transition_url_names: dict[str, str] = {}  # API name → method name, for names Python reserves

    def transition_response(self, obj):
        return Response(self.get_serializer(obj).data)

    @extend_schema(
        request=TransitionBody,
        parameters=[OpenApiParameter("name", OpenApiTypes.STR, OpenApiParameter.PATH)],
        responses={200: None},
    )
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)")
    def transitions(self, request: Request, pk=None, name: str = ""):
        obj = self.get_object()
        method_name = self.transition_url_names.get(name, name)
        body = json_body(request, empty_ok=True)
        reason = body.pop("reason", "") or ""
        if not isinstance(reason, str):
            raise ValidationError({"reason": ["Must be text."]})
        kwargs = transition_kwargs(flow_for(type(obj)), method_name, body)
        obj = run_transition(obj, method_name, by=request.user, reason=reason, **kwargs)
        return self.transition_response(obj)


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class TransitionsField(serializers.Field):
    """``transitions``: the names of the transitions the requesting user may run now."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="*")
        kwargs.setdefault("help_text", "Transitions the caller may run now")
        super().__init__(**kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        if request is None:
            return []
        view = self.context.get("view")
        reverse = {v: k for k, v in getattr(view, "transition_url_names", {}).items()}
        return [reverse.get(n, n) for n in available_transitions(obj, request.user)]
