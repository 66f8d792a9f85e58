"""Review summaries as the reader may see them, and the download log.

Visibility is the reviews app's: ``review_detail`` (404 when invisible) and ``review_parts`` inside
``reviews.pdf``. What reviews cannot import (the transition log) is looked up here and handed in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from reviews.models import Review
from reviews.pdf import summary_pdf
from reviews.selectors import review_detail
from workflows.models import TransitionLog

from .models import DownloadLog


def acknowledgements_of(review: Review) -> list[dict[str, Any]]:
    """Who acknowledged the review's results, and when (from the transition log: one query)."""
    rows = TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Review), object_id=review.pk, transition="acknowledge",
    ).select_related("by__person").order_by("at")
    return [{"who": getattr(getattr(row.by, "person", None), "full_name", "") or str(row.by or ""),
             "what": _("Acknowledged the review results"), "at": row.at} for row in rows]


def reader_language(user, fallback: str | None = None) -> str:
    """The reader's own language when they chose one, else the request's."""
    person = getattr(user, "person", None)
    return (getattr(person, "locale", "") or fallback or "en").lower()


def review_summary_for(user, review_id: Any, *, language: str) -> tuple[Review, bytes]:
    """The summary PDF of a review ``user`` may see (Http404 otherwise), rendered for them."""
    review = review_detail(user, review_id)
    return review, summary_pdf(review, user, language=language, acknowledgements=acknowledgements_of(review))


def summary_filename(review: Review) -> str:
    name = "".join(c if c.isalnum() else "-" for c in review.person.full_name).strip("-") or "review"
    return f"review-{review.pk}-{name}.pdf"


def download_logged(*, user, kind: str, review: Review | None = None, subject: str = "",
                    object_id: int | None = None, language: str = "") -> DownloadLog:
    if review is not None and not subject:
        subject = review.person.full_name
    return DownloadLog.objects.create(user=user, kind=kind, review=review, subject=subject[:300],
                                      object_id=object_id if object_id is not None else getattr(review, "pk", None),
                                      language=language)


def request_language(request) -> str:
    """The language a document is rendered in for this request: ``?lang=``, else the language the reader
    chose in the interface (cookie), else their profile's, else what the browser asks for."""
    from django.conf import settings

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
