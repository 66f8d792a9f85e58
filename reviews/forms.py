"""Forms of the review pages. Answers are a list of questions that depends on the person's goals, so
they are read from the POST by field name (``a-<question>-<goal>-<development goal>-rating|text``) and
checked by the same service the API calls; the small fixed forms are Django forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cycles.models import Question

from .models import FeedbackRequest

# Transitions the flows refuse without a reason: the page asks for one, marked required.
NEEDS_REASON = {"reopen", "calibrate", "withdraw", "return_self_review", "return_goals", "decline"}


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
    # The respondent is a hidden field filled by the search: its messages link to the search box.
    anchors = {"respondent": "respondent-q", "goals": "nominate-goals"}

    respondent = forms.IntegerField(label=_("Respondent"), widget=forms.HiddenInput,
                                    error_messages={"required": _("Find a colleague and choose them from the list.")})
    group = forms.ChoiceField(label=_("Group"), choices=FeedbackRequest.Group.choices)
    goals = forms.TypedMultipleChoiceField(label=_("Goals to assess"), coerce=int, required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = [(g["id"], g["title"]) for g in goals]


class ReasonForm(forms.Form):
    """The reason a transition carries: required (and marked so) for those the flows refuse without one."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=2000, error_messages={"required": _("Give a reason: it is kept with the step "
                                                                            "and shown to the person it concerns.")})
    final_rating = forms.TypedChoiceField(label=_("Final rating"), coerce=int, required=False, empty_value=None,
                                          error_messages={"required": _("Choose the final rating.")})

    def __init__(self, *args, transition: str = "", levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = transition in NEEDS_REASON
        self.fields["final_rating"].choices = list(levels)
        self.fields["final_rating"].required = transition == "calibrate"
        self.anchors = {"reason": f"reason-{transition}", "final_rating": f"rating-{transition}"}


def mark_missing(rows: list[dict[str, Any]], refusal) -> None:
    """Each required question left empty gets its message beside it, and the summary links to it by the
    question's own words (instead of one list of "Answer: …" under the key ``answers``)."""
    missing = [row for row in rows if row["required"] and row["rating"] is None and not row["answer_text"].strip()]
    if not missing or not refusal.on("answers"):
        return
    said = {f"Answer: {row['text']}" for row in missing}
    rest = [message for message in refusal.on("answers") if message not in said]
    moved: dict[str, list[str]] = {}
    for row in missing:
        row["errors"] = [str(_("Answer this question: it is required."))]
        moved[row["prefix"]] = row["errors"]
        label = f"{row['goal_title']} · {row['text']}" if row["goal_title"] else row["text"]
        anchor = f"{row['prefix']}-label" if row["kind"] == "rating" else f"{row['prefix']}-text"
        refusal.label({row["prefix"]: (label, anchor)})
    refusal.move("answers", {**moved, **({"answers": rest} if rest else {})})
