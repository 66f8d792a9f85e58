"""The one access-checked fetch behind every ``<entity>_detail(user, pk)`` selector.

An object the caller may not see answers 404, exactly as one that does not exist (no existence leak); one
they see but may not act on answers 403. The queryset passed in is already scoped to the caller by its app's
``…_visible_to(user)`` selector, so "visible" means one rule for pages, API, exports and PDFs.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def fetch(queryset: QuerySet[M], pk: Any, *, user=None, perm: str = "", message: str = "") -> M:
    """The object of ``queryset`` with primary key ``pk``: 404 when absent, not visible or ``pk`` is no id;
    with ``perm``, 403 (``PermissionDenied``) unless ``user`` holds it on the object."""
    if isinstance(pk, bool):
        raise Http404(message or "Not found.")
    try:
        obj = queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404(message or "Not found.") from None
    if perm and not (user is not None and user.has_perm(perm, obj)):
        raise PermissionDenied
    return obj
