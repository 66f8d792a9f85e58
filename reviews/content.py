"""What a review asks and how its answers add up: pure functions over already-loaded rows, no queries.

A template's ``goal`` question is asked once per goal: for the employee once per objective and
development goal of the cycle's periods; for a respondent once per goal named in their request and
per goal the employee made public. An answer names its question, and its goal for goal questions:
``{"question", "goal", "development_goal", "rating", "text"}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from cycles.models import Question, RatingScale

MAX_TEXT = 20_000


def scale_levels(scale: RatingScale | None) -> list[dict[str, Any]] | None:
    """``[{"value", "label"}]`` from the prefetched levels, or None without a scale."""
    if scale is None:
        return None
    return [{"value": level.value, "label": level.label} for level in scale.levels.all()]


def _entry(question: Question, *, goal: int | None = None, development_goal: int | None = None,
           goal_title: str = "") -> dict[str, Any]:
    return {
        "id": question.pk, "author": question.author, "kind": question.kind, "section": question.section,
        "text": question.text, "required": question.required, "scale": scale_levels(question.scale),
        "goal": goal, "development_goal": development_goal, "goal_title": goal_title,
    }


def expand(questions: Iterable[Question], authors: Sequence[str], *, goals: Sequence = (),
           development_goals: Sequence = ()) -> list[dict[str, Any]]:
    """The template's questions for ``authors``, goal questions repeated per goal, in template order."""
    entries: list[dict[str, Any]] = []
    for question in questions:
        if question.author not in authors:
            continue
        if question.kind != Question.Kind.GOAL:
            entries.append(_entry(question))
            continue
        entries.extend(_entry(question, goal=g.pk, goal_title=g.title) for g in goals)
        if question.author == Question.Author.SELF:
            entries.extend(_entry(question, development_goal=d.pk, goal_title=d.title) for d in development_goals)
    return entries


def _key(question: Any, goal: Any, development_goal: Any) -> tuple:
    return (question, goal, development_goal)


def clean_answers(raw: Any, asked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check answers against the questions asked; 400 with every problem named, else the tidy list."""
    if not isinstance(raw, list):
        raise ValidationError({"answers": ["Give a list of answers."]})
    by_key = {_key(q["id"], q["goal"], q["development_goal"]): q for q in asked}
    errors: list[str] = []
    clean: dict[tuple, dict[str, Any]] = {}
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            errors.append(f"answer {position}: give an object.")
            continue
        key = _key(item.get("question"), item.get("goal"), item.get("development_goal"))
        question = by_key.get(key)
        if question is None:
            errors.append(f"answer {position}: no such question here (question {item.get('question')!r}, "
                          f"goal {item.get('goal')!r}).")
            continue
        rating, text = item.get("rating"), item.get("text") or ""
        if not isinstance(text, str):
            errors.append(f"answer {position}: the text must be text.")
            continue
        if len(text) > MAX_TEXT:
            errors.append(f"answer {position}: the text is longer than {MAX_TEXT} characters.")
            continue
        if rating is not None:
            values = [level["value"] for level in question["scale"] or []]
            if isinstance(rating, bool) or rating not in values:
                errors.append(f"answer {position}: {rating!r} is not on this question's scale {values}.")
                continue
        clean[key] = {"question": key[0], "goal": key[1], "development_goal": key[2], "rating": rating,
                      "text": text}
    if errors:
        raise ValidationError({"answers": errors})
    return list(clean.values())


def missing_required(answers: list[dict[str, Any]], asked: list[dict[str, Any]]) -> list[str]:
    """Texts of the required questions without an answer (a rating where there is a scale, else text)."""
    given = {_key(a["question"], a.get("goal"), a.get("development_goal")): a for a in answers or []}
    missing = []
    for q in asked:
        if not q["required"]:
            continue
        answer = given.get(_key(q["id"], q["goal"], q["development_goal"]))
        if answer is None:
            missing.append(q["text"])
        elif q["scale"] is not None and q["kind"] == Question.Kind.RATING and answer.get("rating") is None:
            missing.append(q["text"])
        elif q["scale"] is None and not (answer.get("text") or "").strip():
            missing.append(q["text"])
    return missing


def feedback_groups(
    responses: Iterable[dict[str, Any]], questions: Iterable[Question], *, named: bool, threshold: int | None,
    order: Callable[[str, dict[str, Any]], str] | None = None,
) -> list[dict[str, Any]]:
    """Submitted feedback grouped by respondent group: ``[{"group", "responses", "average", "comments",
    "withheld"}]``, from ``responses`` ``[{"group", "answers", "goals", "respondent": {"id", "full_name"}}]``.

    ``named`` adds the respondent and the goal to each comment. Otherwise a comment is its question and its text,
    nothing else (a goal would point at whoever was asked about it, an author id or a time at the answer), sorted
    by ``order`` (a secret key, so the order says nothing of who wrote what). With a ``threshold`` (anonymous mode)
    a group with fewer responses is withheld: no count, no average, no comments (a count of one names the one who
    answered); and a goal question's comments show only when at least ``threshold`` of the group's responses were
    asked goal questions, or the question alone would narrow its author down to those few. "Can't judge" ratings
    do not count.
    """
    by_id = {q.pk: q for q in questions}
    cant_judge = {
        (q.scale_id, level.value) for q in by_id.values() if q.scale is not None
        for level in q.scale.levels.all() if level.is_cant_judge
    }
    groups: dict[str, dict[str, Any]] = {}
    for response in responses:
        group = groups.setdefault(response["group"], {"responses": 0, "ratings": [], "comments": [], "goals": 0})
        group["responses"] += 1
        group["goals"] += bool(response.get("goals"))
        for answer in response.get("answers") or []:
            question = by_id.get(answer.get("question"))
            if question is None:
                continue
            rating = answer.get("rating")
            if rating is not None and question.scale_id and (question.scale_id, rating) not in cant_judge:
                group["ratings"].append(rating)
            if isinstance(answer.get("text"), str) and answer["text"].strip():
                comment: dict[str, Any] = {"question": question.pk, "text": answer["text"]}
                if named:
                    comment.update(goal=answer.get("goal"), respondent=response.get("respondent"))
                group["comments"].append((question.kind, comment))
    result = []
    for name in ("manager", "customer", "peer", "report"):
        if name not in groups:
            continue
        group = groups[name]
        withheld = threshold is not None and group["responses"] < threshold
        ratings = group["ratings"]
        comments = [c for kind, c in group["comments"]
                    if threshold is None or kind != Question.Kind.GOAL or group["goals"] >= threshold]
        if not named and order is not None:
            comments.sort(key=lambda c, name=name: order(name, c))
        result.append({
            "group": name,
            "responses": None if withheld else group["responses"],
            "average": None if withheld or not ratings else round(sum(ratings) / len(ratings), 2),
            "comments": [] if withheld else comments,
            "withheld": withheld,
        })
    return result


def weighted_score(groups: list[dict[str, Any]], weights: dict[str, float]) -> float | None:
    """The groups' averages weighted by the cycle's group weights (missing weight: 1)."""
    total = weight_sum = 0.0
    for group in groups:
        if group["average"] is None:
            continue
        weight = float(weights.get(group["group"], 1))
        total += group["average"] * weight
        weight_sum += weight
    return round(total / weight_sum, 2) if weight_sum else None
