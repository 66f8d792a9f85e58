"""/api/praise/ and /api/company-values/: every member reads every praise; any active person gives it."""

from __future__ import annotations

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from people.models import Person, Unit

from .. import selectors, services
from ..models import CompanyValue, Praise
from ..rules import is_member
from ..services.praise import MAX_RECIPIENTS, MESSAGE_LIMIT
from .common import WriteViewSet


class PraiseSerializer(serializers.ModelSerializer):
    recipients = serializers.SerializerMethodField()
    value = serializers.SlugRelatedField(slug_field="code", read_only=True)
    created = serializers.DateTimeField(source="created_at", read_only=True)
    reactions = serializers.SerializerMethodField()

    class Meta:
        model = Praise
        fields = ["id", "author", "recipients", "message", "value", "created", "reactions"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_recipients(self, praise: Praise) -> list[int]:
        return [p.pk for p in praise.recipient_list]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_reactions(self, praise: Praise) -> list[dict]:
        return [{"kind": r["kind"], "count": r["count"], "mine": r["mine"]} for r in praise.reaction_rows]


class PraiseCreate(serializers.Serializer):
    recipients = serializers.ListField(child=serializers.IntegerField(), max_length=MAX_RECIPIENTS,
                                       help_text="person ids")
    message = serializers.CharField(max_length=MESSAGE_LIMIT)
    value = serializers.CharField(required=False, allow_null=True, allow_blank=True,
                                  help_text="a company value's code, or null")


class PraiseFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), method="by_unit",
                                            help_text="received by someone in this unit or one under it")
    value = django_filters.CharFilter(field_name="value__code")
    person = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), method="by_person",
                                              help_text="received by this person")
    author = django_filters.NumberFilter(field_name="author_id")

    class Meta:
        model = Praise
        fields = ["unit", "value", "person", "author"]

    @extend_schema_field(OpenApiTypes.INT)
    def by_unit(self, qs, name, unit):
        return selectors.praise_filter(qs, unit=unit)

    @extend_schema_field(OpenApiTypes.INT)
    def by_person(self, qs, name, person):
        return selectors.praise_filter(qs, person=person)


class PraiseViewSet(WriteViewSet):
    """The praise wall: POST ``{"recipients": [person ids], "message", "value": code or null}``."""

    serializer_class = PraiseSerializer
    filterset_class = PraiseFilter
    create_serializer = PraiseCreate

    def get_queryset(self):
        return selectors.praise_visible_to(self.request.user).order_by("-created_at", "-pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        selectors.attach(self.request.user, page if page is not None else list(queryset))
        return page

    def get_object_for(self, pk):
        return selectors.praise_detail(self.request.user, pk)

    def perform(self, obj, data):
        return services.praise_create(by=self.request.user, recipients=data["recipients"], message=data["message"],
                                      value=data.get("value"))


class CompanyValueSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)

    class Meta:
        model = CompanyValue
        fields = ["code", "name", "names", "description", "descriptions", "active"]


class CompanyValueViewSet(viewsets.ReadOnlyModelViewSet):
    """The company's values a praise may name (``value``: the code); retired ones with ``active`` false."""

    serializer_class = CompanyValueSerializer
    lookup_field = "code"

    def get_queryset(self):
        if not is_member(self.request.user):
            return CompanyValue.objects.none()
        return CompanyValue.objects.all()
