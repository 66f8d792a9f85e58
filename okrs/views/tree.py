"""The alignment tree: one level per request (the top, or the children of a node), and a title search.

At 13,000 objectives nothing is loaded that the reader has not opened: each level is one query for the
nodes (with whether each has children of its own) and one for their key results, paged.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors
from ..models import Objective
from .common import chosen_period

PAGE = 50
SEARCH_LIMIT = 50


def _nodes(user, qs, offset: int) -> tuple[list[Objective], bool]:
    visible = Objective.objects.filter(selectors.objective_visibility_q(user))
    # Two EXISTS rather than one over an OR: each follows its own index (no scan of every objective per node).
    has_children = Exists(visible.filter(parent_objective_id=OuterRef("pk"))) | Exists(
        visible.filter(parent_key_result__objective_id=OuterRef("pk")))
    rows = list(qs.select_related("parent_key_result").annotate(has_children=has_children)
                [offset:offset + PAGE + 1])
    return rows[:PAGE], len(rows) > PAGE


def _offset(request) -> int:
    try:
        return max(0, int(request.GET.get("offset", 0)))
    except ValueError:
        return 0


@require_GET
def tree(request):
    period, periods = chosen_period(request)
    query = request.GET.get("q", "").strip()
    offset = _offset(request)
    results, nodes, more = [], [], False
    if query:
        results = list(
            selectors.objectives_visible_to(request.user).filter(title__icontains=query, period=period)
            .select_related("parent_key_result").order_by("level", "title", "pk")[:SEARCH_LIMIT]
        )
    else:
        nodes, more = _nodes(request.user, selectors.objective_tree_children(request.user, None, period=period), offset)
    context = {"period": period, "periods": periods, "query": query, "results": results, "nodes": nodes,
               "more": more, "next_offset": offset + PAGE, "parent": None}
    if request.htmx and offset:
        return render(request, "okrs/_tree_nodes.html", context)
    return render(request, "okrs/tree.html", context)


@require_GET
def tree_children(request, pk: int):
    parent = selectors.objective_detail(request.user, pk)
    offset = _offset(request)
    nodes, more = _nodes(request.user, selectors.objective_tree_children(request.user, parent.pk), offset)
    return render(request, "okrs/_tree_nodes.html", {
        "nodes": nodes, "more": more, "next_offset": offset + PAGE, "parent": parent,
    })
