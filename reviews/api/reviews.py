"""/api/reviews/: scoped to the caller; each part present only when the caller may read it."""

from __future__ import annotations

import django_filters
import rules
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from workflows.api import TransitionsField, TransitionsMixin

from ..models import Review
from ..selectors import attach_review_context, review_detail, review_parts, review_queryset, reviews_visible_to
from ..services import review_manager_save, review_self_save
from .common import ManagerReviewSerializer, SelfReviewSerializer


class ReviewSerializer(serializers.ModelSerializer):
    transitions = TransitionsField()
    questions = serializers.ListField(child=serializers.DictField(), read_only=True, required=False)
    self_review = serializers.DictField(read_only=True, required=False)
    manager_review = serializers.DictField(read_only=True, required=False)
    feedback = serializers.ListField(child=serializers.DictField(), read_only=True, required=False)
    final_rating = serializers.IntegerField(read_only=True, required=False)
    calibration_reason = serializers.CharField(read_only=True, required=False)

    class Meta:
        model = Review
        fields = ["id", "cycle", "person", "manager", "state", "transitions", "questions", "self_review",
                  "manager_review", "feedback", "final_rating", "calibration_reason"]
        read_only_fields = fields

    def to_representation(self, review: Review) -> dict:
        data = {
            "id": review.pk, "cycle": review.cycle_id, "person": review.person_id, "manager": review.manager_id,
            "state": review.state, "transitions": self.fields["transitions"].to_representation(review),
            "person_name": review.person.full_name, "version": review.version,
            # Steps HR closed unfinished: the state moved on, but none of these was done.
            "skipped": review.skipped_steps,
        }
        data.update(review_parts(review, self.context["request"].user))
        return data


class ReviewFilter(django_filters.FilterSet):
    cycle = django_filters.NumberFilter(field_name="cycle_id")
    person = django_filters.NumberFilter(field_name="person_id")
    state = django_filters.ChoiceFilter(choices=Review.State.choices)

    class Meta:
        model = Review
        fields = ["cycle", "person", "state"]


class ReviewViewSet(TransitionsMixin, viewsets.ReadOnlyModelViewSet):
    """Reviews the caller may read: their own, their reports' (any depth), their HR partner units', all for HR."""

    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter

    def get_queryset(self):
        # Narrow rows to filter, count and order; the page's rows are then loaded whole (see paginate_queryset).
        return reviews_visible_to(self.request.user).order_by("cycle_id", "person__full_name", "pk")

    def paginate_queryset(self, queryset):
        """Page the ids first, then load those rows with everything they show: sorting thousands of wide
        joined rows to keep fifty costs hundreds of milliseconds; sorting their ids costs a few."""
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True))
        rows = review_queryset(Review.objects.filter(pk__in=ids))
        by_id = {review.pk: review for review in rows}
        page = [by_id[pk] for pk in ids if pk in by_id]
        attach_review_context(page)
        return page

    def get_object(self):
        review = review_detail(self.request.user, self.kwargs.get("pk"))
        self.check_object_permissions(self.request, review)
        return review

    def transition_response(self, obj):
        return Response(self.get_serializer(review_detail(self.request.user, obj.pk)).data)

    def _save(self, perm: str, serializer_class, save, message: str):
        review = self.get_object()
        if not rules.has_perm(perm, self.request.user, review):
            raise PermissionDenied(message)
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        save(review, dict(body.validated_data))
        return Response(self.get_serializer(review_detail(self.request.user, review.pk)).data)

    @extend_schema(request=SelfReviewSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["put"], url_path="self-review")
    def self_review(self, request, pk=None):
        """Save the self-review draft; a ``version`` other than the stored one answers 409."""
        return self._save(
            "reviews.write_self_review", SelfReviewSerializer,
            lambda review, data: review_self_save(review=review, by=request.user, **data),
            "Only the employee writes their self-review.",
        )

    @extend_schema(request=ManagerReviewSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["put"], url_path="manager-review")
    def manager_review(self, request, pk=None):
        """Save the manager review draft with the preliminary final rating and potential."""
        return self._save(
            "reviews.write_manager_review", ManagerReviewSerializer,
            lambda review, data: review_manager_save(review=review, by=request.user, **data),
            "Only the employee's manager writes the manager review.",
        )
