"""API of a person's own notification settings: /api/notification-settings/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from people.roles import roles_of

from .models import NotificationSettings
from .preferences import notification_settings_update, settings_of


class NotificationSettingsSerializer(serializers.ModelSerializer):
    channels = serializers.SerializerMethodField()

    class Meta:
        model = NotificationSettings
        fields = ["email", "slack", "slack_webhook", "teams", "teams_webhook", "channels"]

    def get_channels(self, obj: NotificationSettings) -> list[str]:
        return obj.channels()


@extend_schema(request=NotificationSettingsSerializer, responses=NotificationSettingsSerializer)
@api_view(["GET", "PUT", "PATCH"])
def notification_settings(request: Request) -> Response:
    """The caller's channels. PUT/PATCH validate each webhook URL against the allowed hosts (400 otherwise)."""
    person = roles_of(request.user).person
    if person is None:
        raise NotFound()
    if request.method == "GET":
        return Response(NotificationSettingsSerializer(settings_of(person)).data)
    serializer = NotificationSettingsSerializer(settings_of(person), data=request.data,
                                                partial=request.method == "PATCH")
    serializer.is_valid(raise_exception=True)
    saved = notification_settings_update(person=person, **serializer.validated_data)
    return Response(NotificationSettingsSerializer(saved).data)
