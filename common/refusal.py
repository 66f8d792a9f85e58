"""The one way a page refuses: a ``Refusal`` (403, 409 or 400 with field errors) answered by one page.

Services raise Django's ``PermissionDenied`` and ``ValidationError`` and our ``Conflict``; views either let
them escape — ``RefusalMiddleware`` turns each into ``common/refused.html`` with the right status and a way
back — or wrap a call in ``attempt`` and answer a 400 by rendering the same page again, with the input kept
and each message beside its field. A refusal names its fields by the labels people read (``label``,
``form_refusal``): the summary at the top of the page (``common/_refusal.html``) links each message to its
field and never shows a field's key. Nothing here answers the API: DRF's exception handler (``common.api``)
does that with the contract's JSON bodies.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .errors import Conflict, VersionConflict


class Refusal(Exception):
    """A refusal the view answers with a page: 403, 409 (or 400 with ``errors``).

    ``errors`` maps a field's key to its messages (``__all__`` for the form as a whole); ``labels`` maps a key
    to the label people read and the id of the element to link to, so a page never shows a key."""

    def __init__(self, status: int, message: str, errors: Mapping[str, list[str]] | None = None,
                 conflict: VersionConflict | None = None, *, title: str = "", back: str = "",
                 labels: Mapping[str, Any] | None = None):
        self.status = status
        self.message = message
        self.errors: dict[str, list[str]] = {key: [str(m) for m in messages]
                                             for key, messages in (errors or {}).items()}
        self.conflict = conflict
        self.title = title
        self.back = back
        self.labels: dict[str, tuple[str, str]] = {}
        if labels:
            self.label(labels)
        super().__init__(message)

    def label(self, labels: Mapping[str, Any]) -> Refusal:
        """Name the fields: ``{key: label}`` or ``{key: (label, element id)}``; returns the refusal."""
        for key, value in labels.items():
            label, anchor = (value, "") if not isinstance(value, tuple | list) else value
            self.labels[key] = (str(label), anchor or "")
        return self

    def on(self, key: str) -> list[str]:
        """The messages of one field, to show beside it."""
        return self.errors.get(key, [])

    def move(self, key: str, to: Mapping[str, list[str]]) -> Refusal:
        """Replace one key's messages by finer ones (each missing answer beside its own question)."""
        self.errors.pop(key, None)
        for new_key, messages in to.items():
            self.errors.setdefault(new_key, []).extend(messages)
        return self

    @property
    def entries(self) -> list[dict[str, str]]:
        """The summary: each message once, with its field's label and the element to link to."""
        seen: set[tuple[str, str]] = set()
        out = []
        for key, messages in self.errors.items():
            label, anchor = self.labels.get(key, ("", ""))
            for message in messages:
                if (label, message) in seen:  # one problem said once, however many layers noticed it
                    continue
                seen.add((label, message))
                out.append({"label": label, "anchor": anchor, "message": message})
        return out


def error_dict(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
    return {NON_FIELD_ERRORS: [str(m) for m in exc.messages]}


def refusal_from(exc: BaseException) -> Refusal | None:
    """The page refusal for a domain exception; None for anything that is not a refusal."""
    if isinstance(exc, Refusal):
        return exc
    if isinstance(exc, VersionConflict):
        return Refusal(409, _("Changed elsewhere: someone saved this in another window. Your text stays in this "
                              "form: copy what you need, then reload the page to see the saved version."), conflict=exc)
    if isinstance(exc, Conflict):
        if exc.step_closed:
            # The runner's wording is for API callers; a person needs to know the step is closed and why.
            message = _("This step is not possible now: it is at “%(state)s”. Reload the page to see what "
                        "changed.") % {"state": exc.label or "—"}
        else:
            message = _("This cannot be done now: %(detail)s.") % {"detail": _(exc.detail)}
        return Refusal(409, message)
    if isinstance(exc, PermissionDenied):
        message = str(exc) if exc.args and str(exc) else _("You may not do this here.")
        return Refusal(403, message)
    if isinstance(exc, ValidationError):
        return Refusal(400, _("Please correct the problems below."), errors=error_dict(exc))
    return None


def attempt(call: Callable[[], Any]) -> Any:
    """Run one service or transition call; its refusals become a ``Refusal`` with the right status."""
    try:
        return call()
    except (PermissionDenied, ValidationError, Conflict) as exc:
        raise refusal_from(exc) from exc


def forbid(message: str = "") -> Refusal:
    return Refusal(403, message or _("You may not do this here."))


def form_refusal(form, *, message: str = "") -> Refusal:
    """The 400 of a bound form that did not pass (its own checks and any service errors put on it with
    ``put_on_form``), each message labelled and linked to its field. A form may send a field's link
    elsewhere with ``anchors`` (a hidden field's visible search box)."""
    anchors = getattr(form, "anchors", {})
    errors, labels = {}, {}
    order = [NON_FIELD_ERRORS, *form.fields]  # the summary reads in the order of the form
    for name, messages in sorted(form.errors.items(), key=lambda item: order.index(item[0]) if item[0] in order
                                 else len(order)):
        errors[name] = [str(m) for m in messages]
        if name in form.fields:
            labels[name] = (form[name].label, anchors.get(name) or form[name].id_for_label)
    return Refusal(400, message or _("Please correct the problems below."), errors=errors, labels=labels)


def _back(request: HttpRequest, refusal: Refusal, back: str) -> str:
    back = back or refusal.back
    if back:
        return back
    # The page the person came from, when it is one of ours: a refusal is never a dead end.
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return referer
    return ""


def refused_page(request: HttpRequest, refusal: Refusal, *, back: str = "") -> HttpResponse:
    """The page of a 403 or 409 (a 400 renders its own form again instead, with the input kept)."""
    return render(request, "common/refused.html", {"refusal": refusal, "back": _back(request, refusal, back)},
                  status=refusal.status)


class RefusalMiddleware:
    """Answers a refusal that escaped a page's view with the refusal page (the API answers its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path_info.startswith("/api/"):
            return None
        refusal = refusal_from(exception)
        return refused_page(request, refusal) if refusal is not None else None


def put_on_form(form, error: ValidationError | Refusal) -> None:
    """A service's refusal onto the form: each message on the field it names, else on the form as a whole."""
    errors = error.errors if isinstance(error, Refusal) else error_dict(error)
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
