"""The writing coach's panel: the findings on one answer as it is written, a fragment htmx swaps in beside the
text (``templates/coach/_writing_panel.html``). It reads nothing but the posted text and stores nothing."""

from __future__ import annotations

import re

import rules
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .api_writing import MAX_LEVELS, MAX_TEXT
from .writing import check

# The panel lists this many findings and says how many more there are.
SHOWN = 12
# The panel's id, which the fragment's status line targets: letters, digits, - and _ only.
PANEL_ID = re.compile(r"[^A-Za-z0-9_-]")
# Characters of context on each side of the highlighted words.
CONTEXT = 40
WORD_EDGE = re.compile(r"\s+")


def _number(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _scale(value: str) -> list[int] | None:
    levels = [n for n in (_number(part) for part in value.split(",")) if n is not None][:MAX_LEVELS]
    return levels if len(levels) >= 2 else None


def _utf16(text: str, offset: int) -> int:
    """A Python offset as the browser counts it (UTF-16 code units), for selecting the words in the textarea."""
    return len(text[:offset].encode("utf-16-le")) // 2


def _row(text: str, finding) -> dict:
    before, after = text[max(0, finding.start - CONTEXT):finding.start], text[finding.end:finding.end + CONTEXT]
    cut_before, cut_after = finding.start > CONTEXT, finding.end + CONTEXT < len(text)
    # A cut context ends at a word's edge where the text has spaces ("has a…", not "has a positive a…").
    if cut_before and (space := WORD_EDGE.search(before)):
        before = before[space.end():]
    if cut_after and (edges := list(WORD_EDGE.finditer(after))) and edges[-1].start() > 0:
        after = after[:edges[-1].start()]
    return {
        "finding": finding, "words": text[finding.start:finding.end],
        "before": before, "cut_before": cut_before, "after": after, "cut_after": cut_after,
        "start": _utf16(text, finding.start), "end": _utf16(text, finding.end),
    }


@require_POST
def writing_panel(request: HttpRequest) -> HttpResponse:
    """``field`` names the posted field holding the text, ``rating_field`` the one holding its rating and
    ``scale`` that rating's values (lowest first); ``panel`` is the id the fragment's status line updates."""
    if not rules.has_perm("coach.use_writing_coach", request.user):
        raise Http404
    post = request.POST
    # Browsers send a textarea's line breaks as CR LF and read them as LF: count as the textarea does.
    text = post.get(post.get("field", ""), "")[:MAX_TEXT].replace("\r\n", "\n")
    rating = _number(post.get(post.get("rating_field", ""), ""))
    findings = check(text, rating=rating, scale=_scale(post.get("scale", "")))
    return render(request, "coach/_writing_findings.html", {
        "rows": [_row(text, f) for f in findings[:SHOWN]], "count": len(findings),
        "more": max(0, len(findings) - SHOWN), "panel": PANEL_ID.sub("", post.get("panel", ""))[:200],
        "empty": not text.strip(),
    })
