"""The runner's refusals, each a kind of the refusal every layer already answers (``common.errors``,
Django's ``Http404`` and ``PermissionDenied``): pages and the API need not know the runner to answer them."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from common.errors import Conflict


class TransitionError(Exception):
    """Base of the runner's refusals."""


class UnknownTransition(TransitionError, Http404):
    """The flow has no transition of that name (404 over HTTP)."""


class TransitionForbidden(TransitionError, PermissionDenied):
    """The caller may see the object but may not run this transition (403)."""


class TransitionConflict(TransitionError, Conflict):
    """Not allowed in the current state, or lost to a concurrent change (409)."""
