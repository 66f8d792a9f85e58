"""``{% load writing_coach %}``: ``{% writing_panel %}`` puts the writing coach beside a free-text answer.

    {% writing_panel row=row %}                       an answer of reviews/_answer_fields.html
    {% writing_panel field="notes" text=parts.notes %}  any other textarea (its name and id)

The first panel of a page brings the stylesheet and the script. For an answer row, the rating the text goes with
is the row's own (its scale without "can't judge"), or, for the manager's questions without a scale, the manager
review's final rating (``final_levels`` of the page).
"""

from __future__ import annotations

import json

from django import template

from .writing.engine import CANT_JUDGE

register = template.Library()


@register.inclusion_tag("coach/_writing_panel.html", takes_context=True)
def writing_panel(context, *, row: dict | None = None, field: str = "", text: str = "") -> dict:
    rating_field, scale = "", []
    if row is not None:
        field, text = f"{row['prefix']}-text", row.get("answer_text", "")
        if row.get("scale"):
            rating_field = f"{row['prefix']}-rating"
            scale = [level["value"] for level in row["scale"] if level["value"] != CANT_JUDGE]
        elif row.get("author") == "manager" and context.get("final_levels"):
            rating_field, scale = "final_rating", [value for value, _label in context["final_levels"]]
    panel = f"{field}-coach"
    # The panel's stylesheet and script come with the first panel of the page, so the pages that show one need
    # no change of their own.
    request = context.get("request")
    first = request is not None and not getattr(request, "writing_assets", False)
    if first:
        request.writing_assets = True
    sent = ["field", "rating_field", "scale", "panel", field, *([rating_field] if rating_field else [])]
    return {
        "assets": first, "field": field, "panel": panel, "text": text, "rating_field": rating_field,
        "params": ",".join(sent),
        "vals": json.dumps({"field": field, "rating_field": rating_field, "scale": ",".join(map(str, scale)),
                            "panel": panel}),
    }
