"""API plumbing shared by every app: pagination, the one JSON-body reader and the error shapes of the contract."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, OperationalError
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import Conflict, VersionConflict
from .guard import too_large_message
from .unavailable import RETRY_AFTER, database_down, unavailable_body

logger = logging.getLogger(__name__)

NOT_AN_OBJECT = "the body must be a JSON object"


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def json_body(request: Request, *, fields: Iterable[str] | None = None, empty_ok: bool = False) -> dict[str, Any]:
    """The request body as a plain dict: a JSON object, or a form body (each field's last value, as a form
    sends it); with ``empty_ok``, also an empty JSON value. Anything else answers 400 ``{"detail": …}``.
    With ``fields``, each field outside them answers 400 under its own name, so a misspelt or read-only
    field is never silently dropped."""
    data = request.data
    if isinstance(data, QueryDict):
        data = data.dict()
    elif not isinstance(data, dict):
        if empty_ok and not data:  # an optional body sent as null, "" or []
            data = {}
        else:
            raise exceptions.ValidationError({"detail": NOT_AN_OBJECT})
    if fields is not None:
        unknown = set(data) - set(fields)
        if unknown:
            raise exceptions.ValidationError({name: ["This field cannot be written here."] for name in sorted(unknown)})
    return dict(data)


def validated_body(request: Request, serializer_class: type[serializers.Serializer], *, strict: bool = True,
                   partial: bool | None = None, context: dict | None = None) -> dict[str, Any]:
    """The body checked by ``serializer_class`` (400 with its field messages); ``strict`` also refuses fields the
    serializer does not declare. A PATCH validates partially unless ``partial`` says otherwise."""
    if not isinstance(request.data, dict):
        json_body(request)  # answers the 400 for a body that is not an object
    if strict:
        json_body(request, fields=serializer_class().fields)
    serializer = serializer_class(data=request.data, context=context or {},
                                  partial=request.method == "PATCH" if partial is None else partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _validation_body(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in errors.messages] if hasattr(errors, "messages") else [str(e) for e in errors]
                for field, errors in exc.message_dict.items()}
    return {"detail": " ".join(str(m) for m in exc.messages)}


def exception_handler(exc, context):
    """Map domain errors to the contract: 400 field messages, 403/404 detail, 409 detail + state."""
    if database_down(exc):  # before the DatabaseError branch below: an outage is not bad input
        return Response(unavailable_body(), status=503, headers={"Retry-After": RETRY_AFTER})
    if isinstance(exc, VersionConflict):
        # A draft saved elsewhere in between: the stored version and answers come back, so the caller keeps
        # its own text and can merge it with what is stored.
        return Response({"detail": exc.detail, "state": exc.state, "version": exc.version, "answers": exc.answers},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Conflict):
        return Response({"detail": exc.detail, "state": exc.state}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, PermissionDenied) and exc.args and str(exc):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, Http404):
        return Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response = drf_exception_handler(exc, context)
        if response is not None:
            response.status_code = status.HTTP_401_UNAUTHORIZED
            response["WWW-Authenticate"] = 'Token realm="api"'
        return response
    if isinstance(exc, RequestDataTooBig):  # a body without a declared length, read by the parser
        return Response({"detail": too_large_message()}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, SuspiciousOperation):  # too many fields or files, a malformed multipart body
        return Response({"detail": _("The request body is malformed.")}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, OperationalError) and "lock" in str(exc).lower():
        return Response({"detail": "the object is being changed elsewhere; try again", "state": ""},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DatabaseError | OverflowError):
        # Malformed input that slipped past validation must still answer 400, never 500.
        logger.warning("bad input reached %s: %r", context.get("view"), exc)
        return Response({"detail": "invalid input"}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
