"""What the pages share: a form run through one service, its refusals kept on the form (400, input kept)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from common.refusal import Refusal, attempt, form_refusal, put_on_form


def run_form(form, call: Callable[[dict], Any]) -> tuple[Any, Refusal | None]:
    """(the service's answer, None), or (None, the refusal to show) for a form or a service that says no.
    A 403 or 409 escapes to the refusal page; a 400 comes back with each message beside its field."""
    if form.is_valid():
        try:
            return attempt(lambda: call(form.cleaned_data)), None
        except Refusal as refusal:
            if refusal.status != 400:
                raise
            put_on_form(form, refusal)
    return None, form_refusal(form)


def tabs(roles) -> list[str]:
    """The sub-navigation's sections this reader has."""
    out = ["feedback", "wall"]
    if roles.manager or roles.hr_admin:
        out.append("notes")
    if roles.hr_admin:
        out.append("settings")
    return out
