"""/api/feedback-requests/: the respondent's own requests, and the requests of every review the caller reads."""

from __future__ import annotations

import django_filters
import rules
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from okrs.models import Objective
from people.models import Person
from workflows.api import TransitionsField, TransitionsMixin

from ..models import FeedbackRequest
from ..selectors import (
    attach_request_context,
    decline_reason_visible,
    feedback_request_detail,
    feedback_requests_visible_to,
    request_answers_visible,
    request_queryset,
    request_questions,
    request_state_for,
    review_detail,
    with_state_for,
)
from ..services import feedback_answers_save, feedback_request_create
from .common import DraftSerializer


class FeedbackRequestSerializer(serializers.ModelSerializer):
    transitions = TransitionsField()
    reviewee = serializers.IntegerField(source="review.person_id", read_only=True)
    goals = serializers.ListField(child=serializers.IntegerField(), required=False)
    review = serializers.IntegerField()
    respondent = serializers.IntegerField()
    questions = serializers.ListField(child=serializers.DictField(), read_only=True)
    answers = serializers.ListField(child=serializers.DictField(), read_only=True, required=False)

    class Meta:
        model = FeedbackRequest
        fields = ["id", "review", "reviewee", "respondent", "group", "goals", "state", "transitions", "questions",
                  "answers"]
        read_only_fields = ["state"]

    def to_representation(self, request: FeedbackRequest) -> dict:
        user = self.context["request"].user
        data = {
            "id": request.pk, "review": request.review_id, "reviewee": request.review.person_id,
            "reviewee_name": request.review.person.full_name, "respondent": request.respondent_id,
            "respondent_name": request.respondent.full_name, "group": request.group,
            "goals": [g.pk for g in request.goals.all()], "state": request_state_for(request, user),
            "cycle": request.cycle_id,
            "transitions": self.fields["transitions"].to_representation(request),
            "questions": request_questions(request),
        }
        if request_answers_visible(request, user):
            data.update(answers=request.answers, version=request.version)
        if decline_reason_visible(request, user):
            data["decline_reason"] = request.decline_reason
        return data


class FeedbackRequestFilter(django_filters.FilterSet):
    review = django_filters.NumberFilter(field_name="review_id")
    # On the state the caller may know (the one masking rule), never the stored one: filtering the reviewee's
    # requests on ``submitted`` would tell them who answered.
    state = django_filters.ChoiceFilter(choices=FeedbackRequest.State.choices, method="filter_state")

    class Meta:
        model = FeedbackRequest
        fields = ["review", "state"]

    def filter_state(self, queryset, name, value):
        return with_state_for(queryset, self.request.user).filter(state_for=value)


class FeedbackRequestViewSet(TransitionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Feedback requests: POST names a respondent (the reviewee or their manager); the respondent answers."""

    serializer_class = FeedbackRequestSerializer
    filterset_class = FeedbackRequestFilter

    def get_queryset(self):
        # Narrow rows to filter, count and order; the page's rows are then loaded whole (see paginate_queryset).
        return feedback_requests_visible_to(self.request.user).order_by("pk")

    def paginate_queryset(self, queryset):
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True))
        by_id = {request.pk: request for request in request_queryset(FeedbackRequest.objects.filter(pk__in=ids))}
        page = [by_id[pk] for pk in ids if pk in by_id]
        attach_request_context(page)
        return page

    def get_object(self):
        request = feedback_request_detail(self.request.user, self.kwargs.get("pk"))
        self.check_object_permissions(self.request, request)
        return request

    def transition_response(self, obj):
        return Response(self.get_serializer(feedback_request_detail(self.request.user, obj.pk)).data)

    def create(self, request, *args, **kwargs):
        body = FeedbackRequestSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        review = review_detail(request.user, data["review"])
        if not rules.has_perm("reviews.add_feedbackrequest", request.user, review):
            raise PermissionDenied("Only the employee and their manager name respondents.")
        respondent = Person.objects.filter(pk=data["respondent"]).first()
        if respondent is None:
            raise ValidationError({"respondent": ["No such person."]})
        goal_ids = data.get("goals") or []
        goals = list(Objective.objects.filter(pk__in=goal_ids))
        if len(goals) != len(set(goal_ids)):
            raise ValidationError({"goals": ["Some of these goals do not exist."]})
        created = feedback_request_create(
            review=review, respondent=respondent, group=data["group"], goals=goals, by=request.user
        )
        return Response(self.get_serializer(feedback_request_detail(request.user, created.pk)).data, status=201)

    @extend_schema(request=DraftSerializer, responses=FeedbackRequestSerializer)
    @action(detail=True, methods=["put"])
    def answers(self, request, pk=None):
        """Save the respondent's draft answers; a ``version`` other than the stored one answers 409."""
        obj = self.get_object()
        if not rules.has_perm("reviews.answer_feedbackrequest", request.user, obj):
            raise PermissionDenied("Only the respondent answers.")
        body = DraftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        feedback_answers_save(request=obj, by=request.user, **body.validated_data)
        return Response(self.get_serializer(feedback_request_detail(request.user, obj.pk)).data)
