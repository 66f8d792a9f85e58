"""API of personal-data rights: POST /api/people/{id}/export/ (a ZIP) and /api/people/{id}/erase/."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from common.language import request_language

from .selectors import export_filename, privacy_person_detail
from .services import person_erase, person_export_create


class EraseSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(help_text="must be true: an erasure cannot be undone")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)

    def validate_confirm(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError("Confirm the erasure with true.")
        return value


@extend_schema(request=None, responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY)})
@api_view(["POST"])
def person_export(request: Request, pk: int) -> HttpResponse:
    """Everything held about the person: ``person.json`` and their review summary PDFs (HR admin; 404 others)."""
    person = privacy_person_detail(request.user, pk)
    content = person_export_create(person=person, by=request.user, language=request_language(request))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(person)}"'
    response["Cache-Control"] = "no-store"
    return response


@extend_schema(request=EraseSerializer, responses={200: OpenApiTypes.OBJECT})
@api_view(["POST"])
def person_erase_view(request: Request, pk: int) -> Response:
    """Pseudonymise a person who left more than PRIVACY_RETENTION_DAYS ago (HR admin; 404 others; 409 not due)."""
    person = privacy_person_detail(request.user, pk, "privacy.erase_person")
    serializer = EraseSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    person_erase(person=person, by=request.user, reason=serializer.validated_data.get("reason", ""))
    person.refresh_from_db()
    return Response({"id": person.pk, "full_name": person.full_name, "state": person.state, "erased": True})
