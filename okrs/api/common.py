"""What every goals endpoint shares: the transitions action and field (from workflows.api), decimals as numbers."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from workflows.api import TransitionsField
from workflows.api import TransitionsMixin as BaseTransitionsMixin

__all__ = ["TransitionsField", "TransitionsMixin", "caller", "fraction", "number"]


def number(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=18, decimal_places=4, coerce_to_string=False, **kwargs)


def fraction(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=5, decimal_places=4, coerce_to_string=False, **kwargs)


def caller(serializer: serializers.Serializer):
    """The requesting user; None while the schema generator builds serializers without a request."""
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class TransitionsMixin(BaseTransitionsMixin):
    """The shared ``transitions/<name>/`` action, answering the object as its list loads it."""

    transition_url_names = {"return": "return_"}

    def transition_response(self, obj):
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(fresh).data)
