"""/api/feedback/ and /api/feedback-asks/: feedback at any time, and asks for it from named colleagues.

Reads are scoped by ``continuous.selectors`` (404 for what the caller may not read); writes go through the
services, whose refusals are 400 field messages (an ask the caller was not asked is a 400 on ``request``).
"""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from .. import selectors, services
from ..models import TEXT_LIMIT, Feedback, FeedbackAsk
from ..services.feedback import MAX_RESPONDENTS, QUESTION_LIMIT
from .common import WriteViewSet, person_filter


@extend_schema_serializer(component_name="ContinuousFeedback")
class FeedbackSerializer(serializers.ModelSerializer):
    created = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Feedback
        fields = ["id", "author", "about", "text", "visibility", "request", "created"]


class FeedbackCreate(serializers.Serializer):
    about = serializers.IntegerField(help_text="person id")
    text = serializers.CharField(max_length=TEXT_LIMIT)
    visibility = serializers.ChoiceField(choices=Feedback.Visibility.choices, required=False,
                                         default=Feedback.Visibility.PRIVATE_TO_MANAGER)
    request = serializers.IntegerField(required=False, allow_null=True, help_text="the feedback ask it answers")


class FeedbackFilter(django_filters.FilterSet):
    about = person_filter("about")
    author = person_filter("author")
    request = django_filters.NumberFilter(field_name="request_id")
    visibility = django_filters.ChoiceFilter(choices=Feedback.Visibility.choices)

    class Meta:
        model = Feedback
        fields = ["about", "author", "request", "visibility"]


class FeedbackViewSet(WriteViewSet):
    """Feedback about a colleague: POST ``{"about", "text", "visibility", "request"}``; read by its author, the
    person when ``shared_with_person``, their management chain and HR."""

    serializer_class = FeedbackSerializer
    filterset_class = FeedbackFilter
    create_serializer = FeedbackCreate

    def get_queryset(self):
        return selectors.feedback_visible_to(self.request.user).order_by("-created_at", "-pk")

    def get_object_for(self, pk):
        return selectors.feedback_detail(self.request.user, pk)

    def perform(self, obj, data):
        return services.feedback_create(by=self.request.user, about=data["about"], text=data["text"],
                                        visibility=data["visibility"], request=data.get("request"))


class AskSerializer(serializers.ModelSerializer):
    respondents = serializers.SerializerMethodField()
    answered = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()
    created = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = FeedbackAsk
        fields = ["id", "asker", "about", "question", "respondents", "answered", "answers", "created"]

    def _rows(self, ask: FeedbackAsk):
        return selectors.respondents_shown(self.context["request"].user, ask)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_respondents(self, ask: FeedbackAsk) -> list[int]:
        return [row.person_id for row in self._rows(ask)]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_answered(self, ask: FeedbackAsk) -> list[int]:
        """The respondents (of those shown) who have answered."""
        return [row.person_id for row in self._rows(ask) if row.answered_at is not None]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_answers(self, ask: FeedbackAsk) -> list[int]:
        """Ids of the answers (feedback) the caller may read."""
        return [feedback.pk for feedback in getattr(ask, "answer_list", [])]


class AskCreate(serializers.Serializer):
    about = serializers.IntegerField(required=False, allow_null=True, help_text="person id; oneself when omitted")
    respondents = serializers.ListField(child=serializers.IntegerField(), max_length=MAX_RESPONDENTS)
    question = serializers.CharField(max_length=QUESTION_LIMIT)


class AskFilter(django_filters.FilterSet):
    about = person_filter("about")
    asker = person_filter("asker")

    class Meta:
        model = FeedbackAsk
        fields = ["about", "asker"]


class FeedbackAskViewSet(WriteViewSet):
    """Ask named colleagues for feedback: POST ``{"about", "respondents": [ids], "question"}`` (about oneself,
    or a manager about a report); a respondent answers with POST /api/feedback/ and ``"request"``."""

    serializer_class = AskSerializer
    filterset_class = AskFilter
    create_serializer = AskCreate

    def get_queryset(self):
        return selectors.asks_visible_to(self.request.user).order_by("-created_at", "-pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        selectors.attach_answers(self.request.user, page if page is not None else list(queryset))
        return page

    def get_object_for(self, pk):
        return selectors.ask_detail(self.request.user, pk)

    def perform(self, obj, data):
        return services.feedback_ask_create(by=self.request.user, about=data.get("about"),
                                            respondents=data["respondents"], question=data["question"])
