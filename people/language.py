"""One language per person.

A signed-in person's stored language (``Person.locale``, set by the language switch) speaks on every page,
API answer, email and PDF. Until they choose, Django's ``LocaleMiddleware`` decides: the language cookie,
else the browser's Accept-Language. A choice made while signed out (on the login page) is kept in the
session and stored on the person at their first signed-in request.

The person is the one ``roles_of(user)`` loads once per request anyway, so following them costs no query.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from rest_framework.authentication import TokenAuthentication

from common.language import supported_language

from .models import Person
from .roles import roles_of
from .services import person_language_set

# The session key of a choice made before signing in (see PersonLanguageMiddleware).
CHOSEN_SIGNED_OUT = "perfcycle_language"


def stored_language(person: Person | None) -> str | None:
    """The language the person chose, or None while they have not."""
    return supported_language(person.locale) if person is not None else None


def language_of(person: Person | None) -> str:
    """The language to write to ``person`` in when they are not there to ask (emails, chat, their PDF copy):
    their stored language, else the site's."""
    return stored_language(person) or settings.LANGUAGE_CODE


def _activate(request, language: str) -> None:
    translation.activate(language)
    request.LANGUAGE_CODE = language


class PersonLanguageMiddleware:
    """Activates a signed-in person's stored language for the request (after ``AuthenticationMiddleware``),
    and keeps the language cookie in step with it, so the login page after signing out speaks it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self._language(request)
        if language:
            _activate(request, language)
        response = self.get_response(request)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            set_language_cookie(response, language)
        return response

    @staticmethod
    def _language(request) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        person = roles_of(user).person
        if person is None:
            return None
        chosen = supported_language(request.session.pop(CHOSEN_SIGNED_OUT, None))
        if chosen and chosen != stored_language(person):
            person_language_set(person=person, language=chosen)
        return stored_language(person)


class PersonTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, then the person's stored language: an API client signs in on every
    request, after the middleware has run, so the language is activated here."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            language = stored_language(roles_of(result[0]).person)
            if language:
                _activate(request._request, language)
        return result


def set_language_cookie(response, language: str) -> None:
    """The cookie Django's ``set_language`` sets, with the same settings."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
