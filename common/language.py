"""Which language a request's documents (PDFs, exports) are written in."""

from __future__ import annotations

from django.conf import settings


def request_language(request) -> str:
    """The language a document is rendered in for this request: ``?lang=``, else the language the reader
    chose in the interface (cookie), else their profile's, else what the browser asks for."""
    known = {code for code, _name in settings.LANGUAGES}
    asked = (request.GET.get("lang") or "").lower()
    if asked in known:
        return asked
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
    locale = (getattr(getattr(request.user, "person", None), "locale", "") or "").lower()
    if locale in known:
        return locale
    return getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
