"""The review summary PDF: its context, built from what ``review_parts`` lets the reader see.

Nothing here decides visibility: the review comes from ``review_detail`` (404 when the reader may not see
it) and every part comes from ``review_parts(review, user)``; a part absent there is absent from the PDF.
The layout is ``templates/pdf/review_summary.html``, rendered by ``common.pdf.render_pdf``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import rules
from django.utils import timezone, translation

from common.pdf import render_pdf
from okrs import scoring
from okrs.models import DevelopmentGoal
from reviews.models import FeedbackRequest, Review
from reviews.selectors import review_parts
from reviews.selectors.conversations import conversation_of_review, conversation_parts

TEMPLATE = "pdf/review_summary.html"
BAR_WIDTH = 300


def _labels(scale) -> dict[int, str]:
    return {level.value: level.label for level in scale.levels.all()} if scale is not None else {}


def _answers(answers: Sequence[dict], questions: Sequence[dict], author: str) -> list[dict[str, Any]]:
    """The author's questions in template order, each with its answer (rating label and text) when given."""
    given = {(a.get("question"), a.get("goal"), a.get("development_goal")): a for a in answers or []}
    rows = []
    for q in questions:
        if q["author"] != author:
            continue
        answer = given.get((q["id"], q["goal"], q["development_goal"]))
        if answer is None:
            continue
        labels = {level["value"]: level["label"] for level in q["scale"] or []}
        rating = answer.get("rating")
        rows.append({
            "question": q["text"], "goal_title": q["goal_title"], "text": answer.get("text") or "",
            "rating": None if rating is None else f"{rating} · {labels.get(rating, '')}".rstrip(" ·"),
        })
    return rows


def _goal_chart(goals: Sequence[dict]) -> dict[str, Any]:
    """Horizontal bars of the objectives' scores with the 0.3 and 0.7 zone marks, as SVG numbers."""
    row_h, label_w = 16, 0
    bars = []
    for index, goal in enumerate(goals):
        score = max(0.0, min(1.0, float(goal["score"])))
        bars.append({"y": index * row_h + 2, "width": round(score * BAR_WIDTH, 1), "score": f"{score:.2f}",
                     "text_x": round(score * BAR_WIDTH, 1) + 4, "text_y": index * row_h + 12,
                     "zone": goal["zone"], "number": index + 1})
    height = max(len(goals), 1) * row_h + 14
    return {"bars": bars, "width": BAR_WIDTH + 40 + label_w, "height": height, "axis_y": height - 12,
            "mark_red": round(float(scoring.RED_BELOW) * BAR_WIDTH, 1),
            "mark_green": round(float(scoring.GREEN_FROM) * BAR_WIDTH, 1), "full": BAR_WIDTH,
            "label_y": height - 2}


def _feedback(groups: Sequence[dict], questions: Sequence[dict]) -> list[dict[str, Any]]:
    texts = {q["id"]: q["text"] for q in questions}
    group_labels = dict(FeedbackRequest.Group.choices)
    result = []
    for group in groups:
        comments = [{
            "question": texts.get(c["question"], ""), "text": c["text"],
            "respondent": (c.get("respondent") or {}).get("full_name"),
        } for c in group["comments"]]
        result.append({**group, "label": group_labels.get(group["group"], group["group"]), "comments": comments})
    return result


def _conversation(review: Review, user) -> dict[str, Any] | None:
    """The results conversation as ``user`` may read it: ``private_notes`` only for the manager's side."""
    if not review.is_released:
        return None
    found = conversation_of_review(review)
    if found is None or not rules.has_perm("reviews.view_conversation", user, found):
        return None
    return conversation_parts(found, user)


def summary_context(review: Review, user, *, acknowledgements: Sequence[dict] = (),
                    conversation: dict | None = None) -> dict[str, Any]:
    """Everything the summary shows to ``user``; ``review`` comes from ``review_detail`` for that user.

    ``acknowledgements`` (``[{"who", "at"}]``) come from the caller, which reads the transition log; the
    ``conversation`` is read here for ``user`` (through ``conversation_parts``) unless the caller passes it.
    """
    parts = review_parts(review, user)
    cycle = review.cycle
    if conversation is None:
        conversation = _conversation(review, user)
    questions = parts["questions"]
    respondent_questions = [
        {"id": q.pk, "text": q.text} for q in cycle.template.questions.all() if q.author == "respondent"
    ]
    goals = [{**g, "zone": scoring.zone(g["score"]), "score_text": f"{g['score']:.2f}"} for g in parts["goals"]]
    status_labels = dict(DevelopmentGoal.Status.choices)
    context: dict[str, Any] = {
        "review": review, "cycle": cycle, "person": review.person, "manager": review.manager,
        "unit": review.unit or review.person.unit, "periods": [p.code for p in cycle.periods.all()],
        "reader": getattr(getattr(user, "person", None), "full_name", "") or user.get_username(),
        "reader_is_reviewee": review.person.user_id == user.pk,
        "generated_at": timezone.now(), "state_label": review.get_state_display(),
        "goals": goals, "goal_chart": _goal_chart(goals) if goals else None,
        "development_goals": [{**g, "status_label": status_labels.get(g["status"], g["status"])}
                              for g in parts["development_goals"]],
        "self_review": None, "manager_review": None, "feedback": None, "final_rating": None,
        "conversation": conversation, "acknowledgements": list(acknowledgements),
    }
    if "self_review" in parts:
        context["self_review"] = _answers(parts["self_review"]["answers"], questions, "self")
    if "manager_review" in parts:
        manager = parts["manager_review"]
        final_labels = _labels(cycle.final_scale)
        context["manager_review"] = {
            "answers": _answers(manager["answers"], questions, "manager"),
            "preliminary": final_labels.get(manager["final_rating"]) if manager["final_rating"] is not None else None,
        }
        if "potential" in manager and manager["potential"] is not None:
            context["manager_review"]["potential"] = _labels(cycle.potential_scale).get(
                manager["potential"], str(manager["potential"]))
        if parts.get("final_rating") is not None:
            context["final_rating"] = {"value": parts["final_rating"],
                                       "label": final_labels.get(parts["final_rating"], "")}
        context["calibration_reason"] = parts.get("calibration_reason") or ""
    if "feedback" in parts:
        context["feedback"] = _feedback(parts["feedback"], respondent_questions)
        context["feedback_score"] = parts.get("feedback_score")
        context["feedback_named"] = any(c.get("respondent") for g in parts["feedback"] for c in g["comments"])
    return context


def summary_pdf(review: Review, user, *, language: str, **extra) -> bytes:
    # Labels stored per language (scales, questions) are picked while the context is built: in the reader's.
    with translation.override(language):
        return render_pdf(TEMPLATE, summary_context(review, user, **extra), language=language)
