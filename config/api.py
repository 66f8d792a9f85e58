"""API plumbing shared by every app: pagination and the error shapes of the contract."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from workflows.errors import TransitionConflict, TransitionForbidden, UnknownTransition

logger = logging.getLogger(__name__)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def _validation_body(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in errors.messages] if hasattr(errors, "messages") else [str(e) for e in errors]
                for field, errors in exc.message_dict.items()}
    return {"detail": " ".join(str(m) for m in exc.messages)}


def exception_handler(exc, context):
    """Map domain errors to the contract: 400 field messages, 403/404 detail, 409 detail + state."""
    if isinstance(exc, TransitionConflict):
        return Response({"detail": exc.detail, "state": exc.state}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, TransitionForbidden):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, UnknownTransition | Http404):
        return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response = drf_exception_handler(exc, context)
        if response is not None:
            response.status_code = status.HTTP_401_UNAUTHORIZED
            response["WWW-Authenticate"] = 'Token realm="api"'
        return response
    if isinstance(exc, OperationalError) and "lock" in str(exc).lower():
        return Response({"detail": "the object is being changed elsewhere; try again", "state": ""},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DatabaseError | OverflowError):
        # Malformed input that slipped past validation must still answer 400, never 500.
        logger.warning("bad input reached %s: %r", context.get("view"), exc)
        return Response({"detail": "invalid input"}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
