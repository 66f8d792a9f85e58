"""Our own "not found" and "server error" pages, with DEBUG on as well as off.

Django answers with its technical pages while DEBUG is on, which is how ``make run`` starts: a person trying
the demo would meet a stack of settings instead of the site. This middleware answers ``404.html`` for a URL
that resolves nowhere and for an ``Http404`` a view raises, and ``500.html`` for an exception nothing else
handled, after logging its traceback as Django does (``django.request``). The API under ``/api/`` never gets
HTML: it answers the contract's ``{"detail": …}`` bodies instead (DRF handles everything it knows itself).

It sits above ``RefusalMiddleware`` in ``MIDDLEWARE`` so that refusals (403, 409, 400) are answered by their own
page first: Django offers an exception to the lowest middleware first.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.log import log_response
from django.utils.translation import gettext as _

logger = logging.getLogger("django.request")

# Answered by Django itself (400 and 403), or by the refusal page: not ours to turn into a 500.
NOT_OURS = (BadRequest, PermissionDenied, SuspiciousOperation)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def not_found(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)  # as common.api answers it
    return render(request, "404.html", {"request_path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 (the page's context may need what just failed, e.g. the database)
        logger.exception("500.html failed with the request's context; answered without it")
    try:
        return HttpResponseServerError(loader.render_to_string("500.html"))
    except Exception:  # noqa: BLE001 (the last resort must answer something)
        logger.exception("500.html failed to render")
        return HttpResponseServerError("Server error.", content_type="text/plain; charset=utf-8")


class ErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No view was found for the URL. Without DEBUG, Django's own handler has already rendered 404.html for a
        # page; with DEBUG it shows its technical page, and under /api/ it would answer HTML either way.
        if response.status_code == 404 and request.resolver_match is None and (settings.DEBUG or _is_api(request)):
            return not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404):
            return not_found(request)
        if isinstance(exception, NOT_OURS):
            return None
        # As Django's own handler does: the signal (the test client re-raises on it, so a broken view still
        # fails its test) and the traceback in the log.
        signals.got_request_exception.send(sender=None, request=request)
        response = server_error(request)
        log_response("%s: %s", response.reason_phrase, request.path, response=response, request=request,
                     exception=exception)
        return response
