"""Review summaries as the reader may see them, and the download log.

Visibility is the reviews app's: ``review_detail`` (404 when invisible) and ``review_parts`` inside
``documents.review_summary``. What reviews cannot import (the transition log) is looked up here and handed in.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from reviews.models import Review
from reviews.selectors import attach_review_context, review_detail, review_queryset, reviews_visible_to
from workflows.selectors import who_did

from .models import DownloadLog
from .review_summary import summary_pdf


def acknowledgements_of(review: Review) -> list[dict[str, Any]]:
    """Who acknowledged the review's results, and when (from the transition log: one query); the words are
    lazy, so the PDF writes them in its reader's language."""
    return [{**row, "what": _("Acknowledged the review results")}
            for row in who_did(Review, [review.pk], "acknowledge")[review.pk]]


def review_summary_for(user, review_id: Any, *, language: str, loaded: Review | None = None) -> tuple[Review, bytes]:
    """The summary PDF of a review ``user`` may see (Http404 otherwise), rendered for them.

    ``loaded``: the review already read for this user by ``reviews_for_chunk`` (a batch loads its chunk at once).
    """
    review = loaded if loaded is not None else review_detail(user, review_id)
    return review, summary_pdf(review, user, language=language, acknowledgements=acknowledgements_of(review))


def reviews_for_chunk(user, review_ids) -> dict[int, Review]:
    """The reviews of a batch chunk that ``user`` may read, loaded as ``review_detail`` loads one, in the same
    fixed number of queries for the whole chunk; an invisible one is simply absent (and then 404s alone)."""
    reviews = list(review_queryset(reviews_visible_to(user)).filter(pk__in=list(review_ids)))
    attach_review_context(reviews)
    return {review.pk: review for review in reviews}


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
