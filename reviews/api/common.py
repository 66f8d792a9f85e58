"""Pieces both viewsets share: the draft-save body and the 409 of a state or version conflict."""

from __future__ import annotations

from contextlib import contextmanager

from rest_framework import serializers, status
from rest_framework.exceptions import APIException

from ..errors import VersionConflict


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT

    def __init__(self, detail: str, state: str, **current):
        super().__init__()
        self.detail = {"detail": detail, "state": state, **current}


@contextmanager
def conflicts_as_409():
    """A draft saved elsewhere in between: 409 ``{"detail", "state"}`` that also carries the stored ``version``
    and ``answers``, so the caller keeps its own text and can merge it with what is stored. Other conflicts
    are the runner's ``TransitionConflict``, answered by the API's exception handler."""
    try:
        yield
    except VersionConflict as exc:
        raise Conflict(exc.detail, exc.state, version=exc.version, answers=exc.answers) from exc


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    goal = serializers.IntegerField(required=False, allow_null=True)
    development_goal = serializers.IntegerField(required=False, allow_null=True)
    rating = serializers.IntegerField(required=False, allow_null=True)
    text = serializers.CharField(required=False, allow_blank=True, max_length=20_000)


class DraftSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True)
    version = serializers.IntegerField(required=False, min_value=0, help_text="the version last read; another → 409")


class SelfReviewSerializer(DraftSerializer):
    public_goals = serializers.ListField(child=serializers.IntegerField(), required=False)


class ManagerReviewSerializer(DraftSerializer):
    final_rating = serializers.IntegerField(required=False, allow_null=True)
    potential = serializers.IntegerField(required=False, allow_null=True)
