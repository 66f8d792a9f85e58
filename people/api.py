"""API of the org chart: /api/me/, /api/people/, /api/units/."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from workflows.api import TransitionsField, TransitionsMixin

from .models import Person, Unit
from .roles import roles_of
from .selectors import people_visible_to, units_visible_to


class PersonSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    active = serializers.BooleanField(read_only=True)
    transitions = TransitionsField()

    class Meta:
        model = Person
        fields = ["id", "email", "full_name", "title", "unit", "manager", "active", "state", "transitions"]
        read_only_fields = fields


class MeSerializer(PersonSerializer):
    roles = serializers.SerializerMethodField()

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "roles"]

    def get_roles(self, person: Person) -> list[str]:
        return roles_of(self.context["request"].user).names()


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "parent", "lead", "path"]


class PersonFilter(django_filters.FilterSet):
    unit = django_filters.NumberFilter(field_name="unit_id")
    manager = django_filters.NumberFilter(field_name="manager_id")

    class Meta:
        model = Person
        fields = ["unit", "manager"]


class PersonViewSet(TransitionsMixin, viewsets.ReadOnlyModelViewSet):
    """People of the organisation; HR admins (de)activate them through ``transitions/``."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        return people_visible_to(self.request.user).order_by("full_name", "pk")


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    filterset_fields = ["parent"]

    def get_queryset(self):
        return units_visible_to(self.request.user).order_by("path")


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request: Request) -> Response:
    """The caller's person and roles."""
    person = roles_of(request.user).person
    if person is None:
        roles = roles_of(request.user).names()
        return Response({"id": None, "email": request.user.email, "full_name": "", "title": "", "unit": None,
                         "manager": None, "active": request.user.is_active, "roles": roles})
    person = Person.objects.select_related("user").get(pk=person.pk)
    return Response(MeSerializer(person, context={"request": request}).data)
