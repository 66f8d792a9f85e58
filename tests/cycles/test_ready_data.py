"""The ready scales and template come with migrate, in the three languages."""

import pytest
from django.utils import translation

from cycles.models import RatingScale, ReviewTemplate

pytestmark = pytest.mark.django_db


def labels(code: str) -> list[tuple[int, str, bool]]:
    return [(lv.value, lv.label, lv.is_cant_judge) for lv in RatingScale.objects.get(code=code).levels.all()]


def test_the_respondent_scale_runs_one_to_five_with_cant_judge():
    assert labels("respondent") == [
        (1, "far below expectations", False), (2, "below expectations", False), (3, "meets expectations", False),
        (4, "above expectations", False), (5, "far above expectations", False), (0, "can't judge", True)]


def test_labels_follow_the_active_language():
    with translation.override("ru"):
        assert labels("final-rating")[0][1] == "нет результата"
    with translation.override("zh-hans"):
        assert labels("final-rating")[-1][1] == "可晋升"


def test_the_ready_template_asks_the_four_open_questions_and_the_respondent_questions():
    questions = ReviewTemplate.objects.get(code="standard").questions.all()
    assert [q.text for q in questions if q.section == "open"] == [
        "Role and expectations", "What I did", "What went well", "What went badly"]
    assert {q.text for q in questions if q.author == "respondent"} >= {"Start doing", "Stop doing"}
    assert [q.kind for q in questions if q.section == "goals"] == ["goal"]
