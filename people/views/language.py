"""The language switch of every page (and of the login page): Django's ``set_language``, remembered for the
person as well as in the cookie, so pages, emails and PDFs all speak the language they chose."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language

from common.language import supported_language

from ..language import CHOSEN_SIGNED_OUT
from ..roles import roles_of
from ..services import person_language_set


@login_not_required
def language_switch(request: HttpRequest) -> HttpResponse:
    response = set_language(request)  # the redirect back and the cookie; an unknown code changes nothing
    language = supported_language(request.POST.get("language")) if request.method == "POST" else None
    if language is None:
        return response
    person = roles_of(request.user).person
    if person is not None:
        person_language_set(person=person, language=language)
    elif not request.user.is_authenticated:
        # Signed out (the login page): stored on the person when they sign in (people.language).
        request.session[CHOSEN_SIGNED_OUT] = language
    return response
