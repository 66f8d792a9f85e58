"""``POST /api/writing-coach/``: the writing coach's findings on a text (CONTRACT "Writing coach")."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import validated_body
from common.language import supported_language

from .writing import DEFAULT_SCALE, LANGUAGES, RULES, check

# As long as any answer may be (reviews.content.MAX_TEXT): the coach reads whatever a person may submit.
MAX_TEXT = 20_000
MAX_LEVELS = 20


class WritingCoachBody(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=MAX_TEXT)
    language = serializers.CharField(required=False, allow_null=True, allow_blank=True,
                                     help_text="en, ru or zh-hans; detected from the text when left out")
    rating = serializers.IntegerField(required=False, allow_null=True,
                                      help_text="the rating given with the text, a value of `scale`")
    scale = serializers.ListField(child=serializers.IntegerField(), required=False, min_length=2,
                                  max_length=MAX_LEVELS, help_text=(
                                      "the rating scale's values, lowest first, without \"can't judge\"; "
                                      "the respondent scale 1–5 (0: can't judge) when left out"))

    def validate_language(self, value: str | None) -> str | None:
        if not value:
            return None
        language = supported_language(value)
        if language not in LANGUAGES:
            raise serializers.ValidationError(_("Use one of: %(codes)s.") % {"codes": ", ".join(LANGUAGES)})
        return language

    def validate_scale(self, value: list[int]) -> list[int]:
        if len(set(value)) != len(value):
            raise serializers.ValidationError(_("Each value of the scale once."))
        return value

    def validate(self, data: dict) -> dict:
        rating, scale = data.get("rating"), data.get("scale")
        allowed = scale or (*DEFAULT_SCALE, 0)
        if rating is not None and rating not in allowed:
            raise serializers.ValidationError({"rating": [_("Not a value of the scale (%(values)s).")
                                                          % {"values": ", ".join(map(str, allowed))}]})
        return data


FINDING = inline_serializer("WritingFinding", fields={
    "rule": serializers.ChoiceField(choices=RULES), "message": serializers.CharField(),
    "start": serializers.IntegerField(), "end": serializers.IntegerField()}, many=True)


class WritingCoachView(APIView):
    """The spans of ``text`` a careful reviewer would rewrite, each with its rule and a message in the reader's
    language. Reads nothing but the body, stores nothing: any member may call it."""

    @extend_schema(request=WritingCoachBody, responses={200: FINDING})
    def post(self, request: Request) -> Response:
        if not rules.has_perm("coach.use_writing_coach", request.user):
            raise PermissionDenied(_("The writing coach is for members of the organisation."))
        body = validated_body(request, WritingCoachBody)
        findings = check(body["text"], language=body.get("language"), rating=body.get("rating"),
                         scale=body.get("scale"))
        return Response([f.as_contract() for f in findings])
