"""/api/conversations/: the results conversation of a released review, and its calendar invite."""

from __future__ import annotations

import django_filters
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common.api import json_body
from workflows.api import TransitionsField, TransitionsMixin

from ..models import Conversation
from ..selectors import review_detail, review_queryset
from ..selectors.conversations import (
    conversation_agenda,
    conversation_detail,
    conversation_ics,
    conversation_parts,
    conversations_visible_to,
)
from ..services import conversation_create, conversation_update


class ConversationSerializer(serializers.ModelSerializer):
    transitions = TransitionsField()
    review = serializers.IntegerField()
    actions = serializers.ListField(child=serializers.CharField(allow_blank=True), required=False)
    private_notes = serializers.CharField(required=False, allow_blank=True,
                                          help_text="only for the manager's side and HR")

    class Meta:
        model = Conversation
        fields = ["id", "review", "state", "transitions", "scheduled_at", "duration_minutes", "held_at", "notes",
                  "private_notes", "actions", "employee_feedback", "disagreement", "employee_acknowledged_at",
                  "manager_acknowledged_at"]
        read_only_fields = ["state", "scheduled_at", "duration_minutes", "held_at", "employee_acknowledged_at",
                            "manager_acknowledged_at"]

    def to_representation(self, conversation: Conversation) -> dict:
        user = self.context["request"].user
        data = conversation_parts(conversation, user)
        data["transitions"] = self.fields["transitions"].to_representation(conversation)
        if self.context.get("agenda"):
            data["agenda"] = conversation_agenda(conversation, user)
        return data


class ConversationFilter(django_filters.FilterSet):
    review = django_filters.NumberFilter(field_name="review_id")
    state = django_filters.ChoiceFilter(choices=Conversation.State.choices)

    class Meta:
        model = Conversation
        fields = ["review", "state"]


class ConversationViewSet(TransitionsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                          viewsets.ReadOnlyModelViewSet):
    """Results conversations: POST ``{"review"}`` (the manager or HR, once released; one per review); PATCH
    writes the caller's side's fields; transitions ``schedule`` ``{"at"}``, ``hold``, ``acknowledge``."""

    serializer_class = ConversationSerializer
    filterset_class = ConversationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return conversations_visible_to(self.request.user).order_by("pk")

    def paginate_queryset(self, queryset):
        rows = super().paginate_queryset(queryset)
        reviews = {r.pk: r for r in review_queryset().filter(pk__in=[c.review_id for c in rows])}
        for conversation in rows:
            conversation.review = reviews[conversation.review_id]
        return rows

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "agenda": self.action != "list"}

    def get_object(self):
        conversation = conversation_detail(self.request.user, self.kwargs.get("pk"))
        self.check_object_permissions(self.request, conversation)
        return conversation

    def _fresh(self, pk: int) -> Response:
        return Response(self.get_serializer(conversation_detail(self.request.user, pk)).data)

    def transition_response(self, obj):
        return self._fresh(obj.pk)

    def create(self, request, *args, **kwargs):
        review_id = json_body(request).get("review")
        if isinstance(review_id, bool) or not isinstance(review_id, int | str) or not str(review_id).isdigit():
            raise ValidationError({"review": ["Give the id of a review."]})
        review = review_detail(request.user, review_id)
        created = conversation_create(review=review, by=request.user)
        response = self._fresh(created.pk)
        response.status_code = 201
        return response

    def partial_update(self, request, *args, **kwargs):
        conversation = self.get_object()
        body = json_body(request, fields={"notes", "private_notes", "actions", "employee_feedback", "disagreement"})
        conversation_update(conversation=conversation, by=request.user, **body)
        return self._fresh(conversation.pk)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    # Routed in config/urls.py as ``conversations/{id}/invite.ics`` (no trailing slash, as the contract has it).
    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY}, operation_id="conversations_invite_ics")
    def invite(self, request, pk=None):
        """The calendar invite of a scheduled conversation (404 before it is scheduled)."""
        conversation = self.get_object()
        if conversation.scheduled_at is None:
            raise Http404("The conversation is not scheduled yet.")
        url = request.build_absolute_uri(f"/reviews/conversations/{conversation.pk}/")
        response = HttpResponse(conversation_ics(conversation, url=url), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="conversation-{conversation.pk}.ics"'
        return response
