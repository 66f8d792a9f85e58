"""503 while the database cannot be reached, instead of a 500 (or a 400 that blames the input).

When PostgreSQL restarts, every request that needs it fails: the pool times out waiting for a connection
(``PoolTimeout``), or a connection that was open dies under the request (``AdminShutdown``, "server closed the
connection unexpectedly"). Those are not the caller's fault and not a bug: the answer is 503 with
``Retry-After``, a JSON ``{"detail": …}`` under ``/api/`` and a plain page elsewhere, and the next request after
PostgreSQL is back is served as usual (the pool checks each connection before handing it out:
``CONN_HEALTH_CHECKS``).

A database error can surface in a view (the API's exception handler asks ``database_down``), in a middleware
or while a page is rendered; Django turns those into a 500 response on the spot. So the receiver below marks
the request when the exception being handled is the database being away, and ``DatabaseUnavailableMiddleware``
(outermost) turns that request's response into the 503.
"""

from __future__ import annotations

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER = "5"
# Server-side reasons a session ends or cannot start: admin shutdown, crash shutdown, cannot connect now
# (starting up or shutting down). Class 08 is "connection exception"; no SQLSTATE at all means the client
# lost the connection (refused, reset, closed).
DOWN_STATES = {"57P01", "57P02", "57P03"}
MARK = "_database_down"


def _chain(exc: BaseException | None):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def database_down(exc: BaseException | None) -> bool:
    """True when ``exc`` says the database cannot be reached, not that a query or its input was wrong."""
    try:
        import psycopg
        from psycopg_pool import PoolClosed, PoolTimeout
    except ImportError:  # no PostgreSQL driver: nothing of the kind to recognise
        return False
    for error in _chain(exc):
        if isinstance(error, PoolTimeout | PoolClosed):
            return True
        if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
            state = getattr(error, "sqlstate", None)
            return state is None or state.startswith("08") or state in DOWN_STATES
    # Django's "connection already closed" carries no driver error.
    return isinstance(exc, InterfaceError) and not isinstance(exc, OperationalError)


def unavailable_body() -> dict[str, str]:
    return {"detail": _("The service cannot reach its database just now; try again in a few seconds.")}


def unavailable_response(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        response: HttpResponse = JsonResponse(unavailable_body(), status=503)
    else:
        try:
            # Without the request: its context (the user, the menu) would need the database.
            response = HttpResponse(loader.render_to_string("503.html"), status=503)
        except Exception:  # noqa: BLE001 - the last resort must answer something
            logger.exception("503.html failed to render")
            response = HttpResponse(unavailable_body()["detail"], status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = RETRY_AFTER
    response["Cache-Control"] = "no-store"
    return response


def _mark(sender, request=None, **kwargs) -> None:
    if request is not None and database_down(sys.exc_info()[1]):
        setattr(request, MARK, True)


got_request_exception.connect(_mark, dispatch_uid="common.unavailable")


class DatabaseUnavailableMiddleware:
    """Outermost: a request marked by the receiver above is answered 503, whatever inner layer failed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, MARK, False) and response.status_code >= 500:
            logger.warning("database unreachable: %s %s answered 503", request.method, request.path)
            return unavailable_response(request)
        return response
