"""API of rating scales and review templates: /api/scales/ (GET POST), /api/templates/ (GET POST PATCH, copy).

Every member reads them (the questions are no secret: everyone taking part answers them); HR admins write (403
for other members, 404 for an account outside the organisation). The list of templates shows each family's
latest version; an older version stays readable by its id, as the cycles that launched with it read it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from common.api import json_body
from people.roles import roles_of

from .models import Question, RatingScale, ReviewTemplate
from .template_services import (
    launched_with,
    scale_create,
    template_copy,
    template_create,
    template_update,
    template_warnings,
)


def scales_visible_to(user):
    roles = roles_of(user)
    qs = RatingScale.objects.prefetch_related("levels").order_by("code")
    return qs if roles.hr_admin or roles.employee else qs.none()


def templates_visible_to(user, *, latest_only: bool = False):
    roles = roles_of(user)
    qs = ReviewTemplate.objects.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
    ).order_by("code")
    if latest_only:
        newer = ReviewTemplate.objects.filter(family=OuterRef("family"), version__gt=OuterRef("version"))
        qs = qs.exclude(Exists(newer))
    return qs if roles.hr_admin or roles.employee else qs.none()


def scale_data(scale: RatingScale) -> dict[str, Any]:
    levels = list(scale.levels.all())
    return {"id": scale.pk, "code": scale.code, "name": scale.names,
            "levels": [{"value": lv.value, "label": lv.labels} for lv in levels if not lv.is_cant_judge],
            "cant_judge": any(lv.is_cant_judge for lv in levels)}


def template_data(template: ReviewTemplate) -> dict[str, Any]:
    questions = list(template.questions.all())
    return {
        "id": template.pk, "code": template.code, "name": template.names, "version": template.version,
        "family": str(template.family),
        "questions": [{"id": q.pk, "section": q.section, "kind": q.kind, "author": q.author, "text": q.texts,
                       "scale": q.scale_id, "required": q.required} for q in questions],
        "warnings": template_warnings(questions),
    }



class ScaleSchema(serializers.Serializer):
    """The shape of a scale in the API's schema (reads and writes go through ``scale_data``/the services)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.DictField(child=serializers.CharField(), help_text="language → text")
    levels = serializers.ListField(child=serializers.DictField(), help_text='[{"value", "label": language → text}]')
    cant_judge = serializers.BooleanField()


class TemplateSchema(serializers.Serializer):
    """The shape of a template in the API's schema (reads and writes go through ``template_data``/the services)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.DictField(child=serializers.CharField(), help_text="language → text")
    version = serializers.IntegerField(read_only=True)
    questions = serializers.ListField(child=serializers.DictField(), help_text=(
        '[{"id", "section", "kind", "author", "text": language → text, "scale", "required"}]'))
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)


class ScaleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Rating scales: members read, HR admins add (a scale in use is never changed)."""

    serializer_class = ScaleSchema
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return scales_visible_to(self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([scale_data(s) for s in page])

    def retrieve(self, request, pk=None):
        return Response(scale_data(self.get_object()))

    def create(self, request):
        body = json_body(request, fields=["name", "levels", "cant_judge"])
        scale = scale_create(by=request.user, names=body.get("name"), levels=body.get("levels"),
                             cant_judge=body.get("cant_judge", False))
        return Response(scale_data(self.get_queryset().get(pk=scale.pk)), status=201)


class TemplateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Review templates with their questions and the length warnings. A PATCH of one a launched cycle uses
    answers the new version (a new id); that cycle keeps the questions it launched with."""

    serializer_class = TemplateSchema
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return templates_visible_to(self.request.user, latest_only=self.action == "list")

    def _answer(self, template: ReviewTemplate, status: int = 200) -> Response:
        template = templates_visible_to(self.request.user).get(pk=template.pk)
        data = template_data(template)
        data["launched"] = launched_with(template)
        return Response(data, status=status)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([template_data(t) for t in page])

    def retrieve(self, request, pk=None):
        return self._answer(self.get_object())

    def create(self, request):
        body = json_body(request, fields=["name", "questions"])
        return self._answer(template_create(by=request.user, names=body.get("name"),
                                            questions=body.get("questions", [])), status=201)

    def partial_update(self, request, pk=None):
        template = self.get_object()
        body = json_body(request, fields=["name", "questions"])
        return self._answer(template_update(by=request.user, template=template, names=body.get("name"),
                                            questions=body.get("questions")))

    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        return self._answer(template_copy(by=request.user, template=self.get_object()), status=201)
