"""HR admin's template builder: the list (each family's latest version), the editor and the preview.

The editor's state lives in the form: moving, adding and removing questions and switching the language tab
post the whole form back (with htmx, the editor alone is swapped) and nothing is saved until "Save"; the save
calls the same services as the API, so a change to a template a launched cycle uses makes a new version.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.access import fetch
from common.refusal import Refusal, attempt, forbid, refused_page
from people.roles import roles_of

from .models import Question
from .template_services import (
    LANGUAGES,
    launched_with,
    template_copy,
    template_create,
    template_update,
    template_warnings,
)
from .templates_api import scales_visible_to, templates_visible_to

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "zh-hans": "中文"}
DEFAULTS = {"goals": ("goal", "self"), "ratings": ("rating", "self"), "open": ("text", "self"),
            "respondent": ("rating", "respondent"), "manager": ("text", "manager")}
SECTION_ORDER = list(Question.Section.values)


def _hr(request: HttpRequest):
    if roles_of(request.user).hr_admin:
        return None
    return refused_page(request, forbid(_("Only HR admins edit templates.")))


@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    if (refusal := _hr(request)) is not None:
        return refusal
    rows = [{"template": t, "count": len(t.questions.all()), "warnings": template_warnings(list(t.questions.all()))}
            for t in templates_visible_to(request.user, latest_only=True)]
    return render(request, "cycles/template_list.html", {"rows": rows})


def _rows_from(template) -> list[dict[str, Any]]:
    return [{"key": str(q.pk), "section": q.section, "kind": q.kind, "author": q.author, "texts": dict(q.texts),
             "scale": str(q.scale_id or ""), "required": q.required} for q in template.questions.all()]


def _rows_from_post(data) -> list[dict[str, Any]]:
    rows = []
    for index in range(min(int(data.get("count", 0) or 0), 200)):
        p = f"q-{index}-"
        rows.append({"key": data.get(p + "key", f"n{index}"), "section": data.get(p + "section", ""),
                     "kind": data.get(p + "kind", ""), "author": data.get(p + "author", ""),
                     "texts": {lang: data.get(p + "text-" + lang, "") for lang in LANGUAGES},
                     "scale": data.get(p + "scale", ""), "required": bool(data.get(p + "required"))})
    return rows


def _apply(op: str, rows: list[dict[str, Any]]) -> str:
    """Move, add or remove a question; returns what to announce."""
    verb, _sep, arg = op.partition(":")
    keys = [r["key"] for r in rows]
    if verb == "add" and arg in DEFAULTS:
        kind, author = DEFAULTS[arg]
        rows.append({"key": f"n{len(rows)}x{abs(hash(tuple(keys))) % 10000}", "section": arg, "kind": kind,
                     "author": author, "texts": {}, "scale": "", "required": False})
        return _("A question was added.")
    if arg not in keys:
        return ""
    index = keys.index(arg)
    if verb == "remove":
        rows.pop(index)
        return _("The question was removed.")
    step = -1 if verb == "up" else 1
    other = index + step
    while 0 <= other < len(rows) and rows[other]["section"] != rows[index]["section"]:
        other += step
    if verb in ("up", "down") and 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
        return _("The question moved %(where)s.") % {"where": _("up") if step < 0 else _("down")}
    return ""


def _payload(rows):
    return [{"section": r["section"], "kind": r["kind"], "author": r["author"],
             "text": {k: v for k, v in r["texts"].items() if v.strip()},
             "scale": int(r["scale"]) if r["scale"].isdigit() else (None if not r["scale"] else r["scale"]),
             "required": r["required"]} for r in rows]


def _row_errors(errors: list[str], rows) -> list[str]:
    """Each "question N: …" message onto its row; the rest stay for the summary."""
    rest = []
    for message in errors:
        head, sep, tail = message.partition(": ")
        number = head.rsplit(" ", 1)[-1]
        if sep and number.isdigit() and 0 < int(number) <= len(rows):
            rows[int(number) - 1].setdefault("errors", []).append(tail)
        else:
            rest.append(message)
    return rest


@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if (refusal := _hr(request)) is not None:
        return refusal
    template = fetch(templates_visible_to(request.user), pk) if pk is not None else None
    language = request.POST.get("language") or request.GET.get("language") or "en"
    announce, errors, status = "", {}, 200
    if request.method == "POST":
        rows = _rows_from_post(request.POST)
        names = {lang: request.POST.get("name-" + lang, "") for lang in LANGUAGES}
        op = request.POST.get("op", "")
        if op.startswith("lang:") and op[5:] in LANGUAGES:
            language = op[5:]
        elif op and op != "save":
            announce = _apply(op, rows)
        else:
            try:
                body = {"names": {k: v for k, v in names.items() if v.strip()}, "questions": _payload(rows)}
                if template is None:
                    saved = attempt(lambda: template_create(by=request.user, **body))
                else:
                    saved = attempt(lambda: template_update(by=request.user, template=template, **body))
            except Refusal as exc:  # a 400 keeps the input, each message beside its field
                if exc.status != 400:
                    return refused_page(request, exc)
                errors = exc.errors
                errors["summary"] = _row_errors(errors.pop("questions", []), rows)
                status = 400
            else:
                messages.success(request, _("The template was saved (version %(v)d).") % {"v": saved.version})
                return redirect("cycles:template_edit", pk=saved.pk)
    else:
        rows = _rows_from(template) if template else []
        names = dict(template.names) if template else {}
    rows.sort(key=lambda r: SECTION_ORDER.index(r["section"]) if r["section"] in SECTION_ORDER else 99)
    for index, row in enumerate(rows):
        row["index"] = index
        row["missing"] = [LANGUAGE_NAMES[lang] for lang in LANGUAGES if not row["texts"].get(lang, "").strip()]
        row["fallback"] = next((v for v in row["texts"].values() if v.strip()), "")
        row["inputs"] = [{"lang": lang, "name": f"q-{index}-text-{lang}", "value": row["texts"].get(lang, ""),
                          "shown": lang == language} for lang in LANGUAGES]
    name_inputs = [{"lang": lang, "name": f"name-{lang}", "value": names.get(lang, ""), "shown": lang == language}
                   for lang in LANGUAGES]
    sections = [{"code": code, "label": label, "rows": [r for r in rows if r["section"] == code]}
                for code, label in Question.Section.choices]
    tabs = [{"code": lang, "name": LANGUAGE_NAMES[lang],
             "missing": sum(1 for r in rows if not r["texts"].get(lang, "").strip())
             + (0 if names.get(lang, "").strip() else 1)} for lang in LANGUAGES]
    context = {
        "template": template, "rows": rows, "sections": sections, "names": names, "language": language,
        "tabs": tabs, "name_inputs": name_inputs,
        "languages": LANGUAGES, "scales": list(scales_visible_to(request.user)), "errors": errors,
        "announce": announce, "kinds": Question.Kind.choices, "authors": Question.Author.choices,
        "section_choices": Question.Section.choices, "warnings": template_warnings(rows),
        "launched": template is not None and launched_with(template),
    }
    return render(request, "cycles/template_edit.html", context, status=status)


@require_POST
def template_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _hr(request)) is not None:
        return refusal
    copy = attempt(lambda: template_copy(by=request.user, template=fetch(templates_visible_to(request.user), pk)))
    messages.success(request, _("A copy was made."))
    return redirect("cycles:template_edit", pk=copy.pk)


SAMPLE_GOALS = ({"pk": -1, "title": "Ship the new onboarding"}, {"pk": -2, "title": "Cut support tickets by 20%"})


@require_GET
def template_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The template's forms as the employee, a respondent and the manager meet them, with two example goals."""
    if (refusal := _hr(request)) is not None:
        return refusal
    template = fetch(templates_visible_to(request.user), pk)
    scales = {s.pk: [{"value": lv.value, "label": lv.label} for lv in s.levels.all()]
              for s in scales_visible_to(request.user)}
    forms = []
    for author, label in Question.Author.choices:
        rows = []
        for q in template.questions.all():
            if q.author != author:
                continue
            goals = SAMPLE_GOALS if q.kind == Question.Kind.GOAL else ({"pk": None, "title": ""},)
            for goal in goals:
                rows.append({"id": q.pk, "author": q.author, "kind": q.kind, "section": q.section, "text": q.text,
                             "required": q.required, "scale": scales.get(q.scale_id), "goal": goal["pk"],
                             "development_goal": None, "goal_title": goal["title"], "rating": None,
                             "answer_text": "", "section_label": Question.Section(q.section).label,
                             "prefix": f"p-{author}-{q.pk}-{abs(goal['pk'] or 0)}"})
        forms.append({"author": author, "label": label, "rows": rows})
    return render(request, "cycles/template_preview.html", {"template": template, "forms": forms})


