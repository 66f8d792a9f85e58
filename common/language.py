"""Which language a request's documents (PDFs, exports) are written in, the project's language codes, and labels
stored per language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def localized(labels: dict | None, language: str | None = None) -> str:
    """A label stored per language (``{"en": …, "ru": …, "zh-hans": …}``) in the active language, else English,
    else any: scale levels, questions, company values."""
    if not labels:
        return ""
    language = (language or translation.get_language() or "en").lower()
    for key in (language, language.split("-")[0], "en"):
        if labels.get(key):
            return labels[key]
    return next(iter(labels.values()), "")


def supported_language(code: str | None) -> str | None:
    """``code`` as one of settings.LANGUAGES (``ru-RU`` → ``ru``, ``zh_Hans`` → ``zh-hans``), or None."""
    code = (code or "").strip().lower().replace("_", "-")
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def _asked_by_api_client(request) -> str | None:
    """The Accept-Language of an API client signed in with a token: a script sends one only on purpose,
    while every browser sends its own, so a browser's never outvotes the person's stored language."""
    if getattr(request, "auth", None) is None:
        return None
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        language = supported_language(code)
        if language:
            return language
    return None


def request_language(request) -> str:
    """The language a document is rendered in for this request: ``?lang=``; else the Accept-Language an API
    client sent; else the request's own language — the signed-in person's stored language (activated by
    ``people.language``), or, until they choose, the cookie or the browser's."""
    return (supported_language(request.GET.get("lang")) or _asked_by_api_client(request)
            or supported_language(translation.get_language()) or settings.LANGUAGE_CODE)
