"""Forms of the review pages. Answers are a list of questions that depends on the person's goals, so
they are read from the POST by field name (``a-<question>-<goal>-<development goal>-rating|text``) and
checked by the same service the API calls; the small fixed forms are Django forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cycles.models import Question

from .models import FeedbackRequest


def field_prefix(question: dict[str, Any]) -> str:
    return f"a-{question['id']}-{question['goal'] or ''}-{question['development_goal'] or ''}"


def answers_from_post(data, asked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answers a form posted, in the service's shape; empty answers are left out."""
    answers = []
    for question in asked:
        prefix = field_prefix(question)
        text = data.get(f"{prefix}-text", "")
        raw = data.get(f"{prefix}-rating", "")
        try:
            rating = int(raw) if raw not in ("", None) else None
        except (TypeError, ValueError):
            rating = raw  # the service names it as off the scale
        if rating is None and not text.strip():
            continue
        answers.append({"question": question["id"], "goal": question["goal"],
                        "development_goal": question["development_goal"], "rating": rating, "text": text})
    return answers


def answer_rows(asked: list[dict[str, Any]], answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each question with its field names and current answer, grouped for the template by section."""
    given = {(a["question"], a.get("goal"), a.get("development_goal")): a for a in answers or []}
    rows = []
    for question in asked:
        answer = given.get((question["id"], question["goal"], question["development_goal"]), {})
        rows.append({**question, "prefix": field_prefix(question), "rating": answer.get("rating"),
                     "section_label": Question.Section(question["section"]).label,
                     "answer_text": answer.get("text", "")})
    return rows


def version_from_post(data) -> int | None:
    try:
        return int(data.get("version", ""))
    except (TypeError, ValueError):
        return None


class NominateForm(forms.Form):
    respondent = forms.IntegerField(label=_("Respondent"), widget=forms.HiddenInput)
    group = forms.ChoiceField(label=_("Group"), choices=FeedbackRequest.Group.choices)
    goals = forms.TypedMultipleChoiceField(label=_("Goals to assess"), coerce=int, required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = [(g["id"], g["title"]) for g in goals]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=2000)
    final_rating = forms.TypedChoiceField(label=_("Final rating"), coerce=int, required=False, empty_value=None)
