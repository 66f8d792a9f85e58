"""Pieces the viewsets share: the draft-save body (a version conflict is answered by ``common.api``)."""

from __future__ import annotations

from rest_framework import serializers


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
