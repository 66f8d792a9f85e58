"""What the review and cycle pages share: turning the domain's refusals into pages, never a 500."""

from __future__ import annotations

import keyword
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cycles.models import ReviewCycle
from reviews.errors import VersionConflict
from reviews.models import FeedbackRequest, Review
from workflows.errors import TransitionConflict, TransitionForbidden, UnknownTransition
from workflows.registry import flow_for


class Refusal(Exception):
    """A refusal the view answers with a page: 403, 409 (or 400 with ``errors``)."""

    def __init__(self, status: int, message: str, errors: dict[str, list[str]] | None = None,
                 conflict: VersionConflict | None = None):
        self.status = status
        self.message = message
        self.errors = errors or {}
        self.conflict = conflict
        super().__init__(message)


def error_dict(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def attempt(call: Callable[[], Any]) -> Any:
    """Run one service or transition call; its refusals become a ``Refusal`` with the right status."""
    try:
        return call()
    except UnknownTransition:
        raise Http404 from None
    except TransitionForbidden as exc:
        raise Refusal(403, _("You may not do this here.")) from exc
    except VersionConflict as exc:
        message = _("Changed elsewhere: someone saved this in another window. Your text stays in this form: "
                    "copy what you need, then reload the page to see the saved version.")
        raise Refusal(409, message, conflict=exc) from exc
    except TransitionConflict as exc:
        if "is not allowed in state" in exc.detail:
            # The runner's wording is for API callers; a person needs to know the step is closed and why.
            message = _("This step is not possible now: it is at “%(state)s”. Reload the page to see what changed.") % {
                "state": state_label(exc.state)}
        else:
            message = _("This cannot be done now: %(detail)s.") % {"detail": _(exc.detail)}
        raise Refusal(409, message) from exc
    except ValidationError as exc:
        errors = error_dict(exc)
        raise Refusal(400, _("Please correct the problems below."), errors=errors) from exc


def state_label(state: str) -> str:
    """The translated label of a cycle's, review's or request's state (they agree where they share a name)."""
    labels = {**dict(FeedbackRequest.State.choices), **dict(ReviewCycle.State.choices), **dict(Review.State.choices)}
    return str(labels.get(state, state or "—"))


def forbid(message: str = "") -> Refusal:
    return Refusal(403, message or _("You may not do this here."))


def refused_page(request: HttpRequest, refusal: Refusal, *, back: str = "") -> HttpResponse:
    return render(request, "reviews/refused.html", {"refusal": refusal, "back": back}, status=refusal.status)


def transition_labels(model, names: list[str]) -> list[tuple[str, str]]:
    """``[(name, translated label)]`` of a flow's transitions, for buttons."""
    flow = flow_for(model)
    labels = []
    for name in names:
        method = getattr(flow, f"{name}_" if keyword.iskeyword(name) else name, None)
        transitions = list(method.get_transitions()) if method is not None else []
        labels.append((name, str(transitions[0].label) if transitions and transitions[0].label else name))
    return labels
