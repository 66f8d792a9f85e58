"""The one guard on what a request may carry, before any view, serializer or query sees it.

PostgreSQL refuses a NUL character in text, so a NUL that reaches a query fails there (inside a transaction,
as often as not); a lone surrogate (``"\\ud800"``) cannot be encoded, so an error message that echoes it fails
while the 400 is rendered; JSON nested thousands deep exhausts the stack of the parser; a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` makes Django answer its HTML page. Each of those is refused here with the
contract's answer instead: 400 ``{"field": [...]}`` naming the field (the top-level one of a JSON body), or
``{"detail": ...}`` when no field can be named; 413 ``{"detail": ...}`` for a body too large. Pages get the
refusal page.

``InputGuardMiddleware`` checks the path, the query string and a POSTed form (what Django parses itself) and
the declared size of an API body; the parsers below (DRF's ``DEFAULT_PARSER_CLASSES``) check JSON and the
forms of other methods. Nothing refused here reaches the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from .refusal import Refusal, refused_page

MAX_JSON_DEPTH = 64
NUL = "\x00"


def null_message() -> str:
    return _("Null characters are not allowed.")  # DRF's own wording for a CharField


def surrogate_message() -> str:
    return _("The text is not valid Unicode: it holds a lone surrogate.")


def too_deep_message() -> str:
    return _("The JSON body is nested more than %(limit)s levels deep.") % {"limit": MAX_JSON_DEPTH}


def bad_name_message() -> str:
    return _("A field name holds a null character or invalid Unicode.")


def too_large_message() -> str:
    return _("The request body is larger than %(limit)s.") % {
        "limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    }


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored or echoed, or None."""
    if NUL in value:
        return null_message()
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return surrogate_message()
    return None


def _fields(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]] | None:
    """The 400 body for a form or query string: each field whose name or value cannot be stored."""
    errors: dict[str, list[str]] = {}
    for key, value in pairs:
        if text_problem(key):
            return {"detail": bad_name_message()}
        problem = text_problem(value) if isinstance(value, str) else None
        if problem:
            errors[key] = [problem]
    return errors or None


def query_dict_errors(data: QueryDict) -> dict[str, list[str]] | None:
    return _fields((key, value) for key, values in data.lists() for value in values)


def json_errors(data: Any) -> dict | None:
    """The 400 body for parsed JSON: too deep, or a string (key or value) that cannot be stored. Walked without
    recursion, so depth costs no stack."""
    stack: list[tuple[Any, int, str | None]] = [(data, 1, None)]
    errors: dict[str, list[str]] = {}
    while stack:
        value, depth, field = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                return {"detail": too_deep_message()}
            items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
            for key, item in items:
                if key is not None and text_problem(key):
                    return {"detail": bad_name_message()}
                stack.append((item, depth + 1, field if field is not None else key))
        elif isinstance(value, str):
            problem = text_problem(value)
            if problem:
                if field is None:
                    return {"detail": problem}
                errors.setdefault(field, [problem])
    return errors or None


class JSONParser(parsers.JSONParser):
    """DRF's, refusing a body nested too deep or holding text that cannot be stored (see the module)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:  # the C scanner gives up cleanly, far above our own limit
            raise exceptions.ParseError(too_deep_message()) from None
        errors = json_errors(data)
        if errors:
            raise exceptions.ValidationError(errors)
        return data


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        errors = query_dict_errors(data)
        if errors:
            raise exceptions.ValidationError(errors)
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        errors = query_dict_errors(result.data)
        if errors:
            raise exceptions.ValidationError(errors)
        return result


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def refuse(request: HttpRequest, body: dict, status: int = 400) -> HttpResponse:
    if is_api(request):
        return JsonResponse(body, status=status)
    if "detail" in body:
        return refused_page(request, Refusal(status, body["detail"]))
    return refused_page(request, Refusal(status, _("Please correct the problems below."), errors={
        key: [_("“%(field)s”: %(message)s") % {"field": key, "message": m} for m in messages]
        for key, messages in body.items()
    }))


def too_large(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"detail": too_large_message()}, status=413)


class InputGuardMiddleware:
    """Refuses a path, query string or POSTed form holding a NUL, and an API body over the size limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.check(request)
        return response if response is not None else self.get_response(request)

    def check(self, request: HttpRequest) -> HttpResponse | None:
        if NUL in request.path_info:
            return refuse(request, {"detail": _("The address holds a null character.")})
        errors = query_dict_errors(request.GET)
        if errors:
            return refuse(request, errors)
        content_type = request.content_type or ""
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        # A multipart body may carry files beyond the limit (the limit counts its other fields); Django checks it.
        if is_api(request) and limit is not None and content_type != "multipart/form-data" \
                and _declared_length(request) > limit:
            return too_large(request)
        if request.method != "POST":
            return None  # other methods' bodies are read by DRF's parsers, which check them
        if content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return None
        try:
            errors = query_dict_errors(request.POST)
        except RequestDataTooBig:
            return too_large(request) if is_api(request) else None  # Django answers a page its own 400
        except SuspiciousOperation:
            if is_api(request):
                return JsonResponse({"detail": _("The form has too many fields or files.")}, status=400)
            return None
        return refuse(request, errors) if errors else None
