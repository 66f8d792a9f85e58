"""Writes of rating scales and review templates, and the one check of a template's questions.

A change to a template that a launched cycle uses (any cycle past draft) never touches the rows that cycle
reads: it makes the family's next version, which takes over the ``code`` (so the ready template's code always
names its latest version), and the draft cycles using the old version move to the new one — they have not
asked anyone anything yet. A template used only by drafts, or by nothing, is edited in place.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.errors import Conflict
from people.models import User
from people.roles import roles_of

from .models import Question, RatingScale, ReviewCycle, ReviewTemplate, ScaleLevel

LANGUAGES = ("en", "ru", "zh-hans")
CANT_JUDGE_LABELS = {"en": "can't judge", "ru": "не могу оценить", "zh-hans": "无法评价"}
# Above these a form gets a warning (see the README: longer forms are finished less often and answered worse).
MAX_COMPETENCIES = 15
MAX_QUESTIONS_PER_FORM = 14


def _require_hr(by: User) -> None:
    if not roles_of(by).hr_admin:
        raise PermissionDenied(_("Only HR admins edit templates and scales."))


def clean_labels(value: Any, errors: list[str], where: str) -> dict[str, str]:
    """``{language: text}`` with known languages, trimmed; at least one filled."""
    if not isinstance(value, dict):
        errors.append(_("%(where)s: give the text per language, e.g. {\"en\": \"…\"}.") % {"where": where})
        return {}
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        errors.append(_("%(where)s: unknown language %(keys)s (use en, ru, zh-hans).")
                      % {"where": where, "keys": ", ".join(map(str, unknown))})
    clean = {k: v.strip() for k, v in value.items() if k in LANGUAGES and isinstance(v, str) and v.strip()}
    if any(k in LANGUAGES and not isinstance(v, str | type(None)) for k, v in value.items()):
        errors.append(_("%(where)s: each text must be a string.") % {"where": where})
    if not clean:
        errors.append(_("%(where)s: fill the text in at least one language.") % {"where": where})
    return clean


def clean_questions(raw: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The questions checked: every problem at once, each naming its question by number."""
    if not isinstance(raw, list):
        return [], [_("Give a list of questions.")]
    errors: list[str] = []
    scale_ids = {s for s in (q.get("scale") for q in raw if isinstance(q, dict)) if isinstance(s, int)}
    scales = set(RatingScale.objects.filter(pk__in=scale_ids).values_list("pk", flat=True))
    clean = []
    for number, item in enumerate(raw, start=1):
        where = _("question %(n)d") % {"n": number}
        if not isinstance(item, dict):
            errors.append(_("%(where)s: give an object.") % {"where": where})
            continue
        kind, author, section = item.get("kind"), item.get("author"), item.get("section")
        if kind not in Question.Kind.values:
            errors.append(_("%(where)s: unknown kind %(v)r (rating, text or goal).") % {"where": where, "v": kind})
        if author not in Question.Author.values:
            errors.append(_("%(where)s: unknown author %(v)r (self, manager or respondent).")
                          % {"where": where, "v": author})
        if section not in Question.Section.values:
            errors.append(_("%(where)s: unknown section %(v)r (%(all)s).")
                          % {"where": where, "v": section, "all": ", ".join(Question.Section.values)})
        texts = clean_labels(item.get("text"), errors, where)
        scale = item.get("scale")
        if scale is not None and (isinstance(scale, bool) or not isinstance(scale, int) or scale not in scales):
            errors.append(_("%(where)s: no such scale %(v)r.") % {"where": where, "v": scale})
            scale = None
        if kind == Question.Kind.RATING and item.get("scale") is None:
            errors.append(_("%(where)s: a rating question needs a scale.") % {"where": where})
        if kind == Question.Kind.TEXT and item.get("scale") is not None:
            errors.append(_("%(where)s: a text question takes no scale.") % {"where": where})
        required = item.get("required", False)
        if not isinstance(required, bool):
            errors.append(_("%(where)s: required is true or false.") % {"where": where})
        clean.append({"id": item.get("id"), "section": section, "kind": kind, "author": author, "texts": texts,
                      "scale_id": scale, "required": bool(required)})
    return clean, errors


def template_warnings(questions: list) -> list[dict[str, Any]]:
    """Forms long enough to tire the people answering them: above 15 competencies (rating questions) in the
    template, or above 14 questions in one author's form. Rows or dicts with ``kind`` and ``author``."""
    def get(q, key):
        return q[key] if isinstance(q, dict) else getattr(q, key)

    warnings = []
    ratings = sum(1 for q in questions if get(q, "kind") == Question.Kind.RATING)
    if ratings > MAX_COMPETENCIES:
        warnings.append({"rule": "competencies", "author": None, "count": ratings, "limit": MAX_COMPETENCIES,
                         "message": _("%(n)d competencies (rating questions): above %(limit)d, answers get less "
                                      "careful.") % {"n": ratings, "limit": MAX_COMPETENCIES}})
    for author, label in Question.Author.choices:
        count = sum(1 for q in questions if get(q, "author") == author)
        if count > MAX_QUESTIONS_PER_FORM:
            warnings.append({"rule": "form_length", "author": author, "count": count,
                             "limit": MAX_QUESTIONS_PER_FORM,
                             "message": _("%(who)s's form has %(n)d questions: above %(limit)d, fewer people finish "
                                          "it and later answers get shorter.")
                             % {"who": label, "n": count, "limit": MAX_QUESTIONS_PER_FORM}})
    return warnings


def _free_code(base: str) -> str:
    base = (slugify(base) or "template")[:50]
    taken = set(ReviewTemplate.objects.filter(code__startswith=base).values_list("code", flat=True))
    taken |= set(RatingScale.objects.filter(code__startswith=base).values_list("code", flat=True))
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


def _write_questions(template: ReviewTemplate, questions: list[dict[str, Any]]) -> None:
    Question.objects.filter(template=template).delete()
    Question.objects.bulk_create([
        Question(template=template, section=q["section"], kind=q["kind"], author=q["author"], texts=q["texts"],
                 scale_id=q["scale_id"], required=q["required"], position=position)
        for position, q in enumerate(questions)
    ])


def _refuse(errors: dict[str, list[str]]) -> None:
    errors = {k: v for k, v in errors.items() if v}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def scale_create(*, by: User, names: Any, levels: Any, cant_judge: bool = False) -> RatingScale:
    """A new scale; ``cant_judge`` adds the "can't judge" level (value 0, left out of averages)."""
    _require_hr(by)
    errors: dict[str, list[str]] = {"name": [], "levels": []}
    names = clean_labels(names, errors["name"], _("name"))
    clean = []
    if not isinstance(levels, list) or not levels:
        errors["levels"].append(_("Give at least one level."))
        levels = []
    seen: set[int] = set()
    for number, level in enumerate(levels, start=1):
        where = _("level %(n)d") % {"n": number}
        value = level.get("value") if isinstance(level, dict) else None
        if isinstance(value, bool) or not isinstance(value, int) or not -1000 <= value <= 1000:
            errors["levels"].append(_("%(where)s: the value is a whole number.") % {"where": where})
            continue
        if value in seen or (cant_judge and value == 0):
            errors["levels"].append(_("%(where)s: the value %(v)d is taken (0 is \"can't judge\").")
                                    % {"where": where, "v": value})
        seen.add(value)
        clean.append((value, clean_labels(level.get("label"), errors["levels"], where)))
    if not isinstance(cant_judge, bool):
        errors["cant_judge"] = [_("true or false")]
    _refuse(errors)
    scale = RatingScale.objects.create(code=_free_code(names.get("en") or next(iter(names.values()))), names=names)
    rows = [ScaleLevel(scale=scale, value=v, labels=lab, position=i) for i, (v, lab) in enumerate(clean)]
    if cant_judge:
        rows.append(ScaleLevel(scale=scale, value=0, labels=dict(CANT_JUDGE_LABELS), is_cant_judge=True,
                               position=len(rows)))
    ScaleLevel.objects.bulk_create(rows)
    return scale


def _checked(names: Any, questions: Any) -> tuple[dict, list]:
    errors: dict[str, list[str]] = {"name": []}
    clean_names = clean_labels(names, errors["name"], _("name"))
    clean, errors["questions"] = clean_questions(questions)
    _refuse(errors)
    return clean_names, clean


@transaction.atomic
def template_create(*, by: User, names: Any, questions: Any) -> ReviewTemplate:
    _require_hr(by)
    names, questions = _checked(names, questions)
    template = ReviewTemplate.objects.create(code=_free_code(names.get("en") or next(iter(names.values()))),
                                             names=names)
    _write_questions(template, questions)
    return template


def launched_with(template: ReviewTemplate) -> bool:
    return ReviewCycle.objects.filter(template=template).exclude(state=ReviewCycle.State.DRAFT).exists()


@transaction.atomic
def template_update(*, by: User, template: ReviewTemplate, names: Any = None, questions: Any = None) -> ReviewTemplate:
    """Change a template: in place while no launched cycle uses it, else as the family's next version."""
    _require_hr(by)
    current = ReviewTemplate.objects.select_for_update().get(pk=template.pk)
    latest = ReviewTemplate.objects.filter(family=current.family).order_by("-version").first()
    if latest.pk != current.pk:
        raise Conflict(f"version {current.version} was replaced by version {latest.version} "
                       f"(template {latest.pk}): change that one", "superseded")
    if questions is None:
        questions = [{"section": q.section, "kind": q.kind, "author": q.author, "text": q.texts,
                      "scale": q.scale_id, "required": q.required} for q in current.questions.all()]
    names, questions = _checked(current.names if names is None else names, questions)
    # The cycles' rows are locked so that a launch cannot slip between the check and the change.
    list(ReviewCycle.objects.select_for_update().filter(template=current).values_list("pk"))
    if not launched_with(current):
        current.names = names
        current.save(update_fields=["names"])
        _write_questions(current, questions)
        return current
    code = current.code
    current.code = f"{code[:50]}-v{current.version}"
    while ReviewTemplate.objects.filter(code=current.code).exists():
        current.code += "x"
    current.save(update_fields=["code"])
    new = ReviewTemplate.objects.create(code=code, names=names, family=current.family, version=current.version + 1)
    _write_questions(new, questions)
    ReviewCycle.objects.filter(template=current, state=ReviewCycle.State.DRAFT).update(template=new)
    return new


@transaction.atomic
def template_copy(*, by: User, template: ReviewTemplate) -> ReviewTemplate:
    """A new template (its own family, version 1) with this one's questions."""
    _require_hr(by)
    names = {k: f"{v} ({_('copy')})" for k, v in template.names.items()}
    copy = ReviewTemplate.objects.create(code=_free_code(template.code + "-copy"), names=names)
    _write_questions(copy, [{"section": q.section, "kind": q.kind, "author": q.author, "texts": q.texts,
                             "scale_id": q.scale_id, "required": q.required} for q in template.questions.all()])
    return copy
