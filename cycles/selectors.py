"""Reads of cycle configuration, scoped to the user asking."""

from __future__ import annotations

from django.db.models import QuerySet

from common.access import fetch
from people.roles import roles_of

from .models import ReviewCycle, ReviewTemplate


def cycles_visible_to(user) -> QuerySet[ReviewCycle]:
    """Every member reads the launched cycles (they are on everyone's calendar); a draft is HR's work in
    progress, read by HR admins and HR partners only (404 to everyone else, in every channel)."""
    roles = roles_of(user)
    if roles.hr_admin or (roles.hr_partner and roles.employee):
        return ReviewCycle.objects.all()
    if roles.employee:
        return ReviewCycle.objects.exclude(state=ReviewCycle.State.DRAFT)
    return ReviewCycle.objects.none()


def cycle_queryset(qs: QuerySet[ReviewCycle]) -> QuerySet[ReviewCycle]:
    return qs.select_related("template", "final_scale", "potential_scale").prefetch_related(
        "periods", "participant_units", "final_scale__levels", "potential_scale__levels"
    ).order_by("-created_at", "-pk")


def cycle_detail(user, pk) -> ReviewCycle:
    """A cycle with its configuration loaded, if ``user`` reads cycles (404 otherwise)."""
    return fetch(cycle_queryset(cycles_visible_to(user)), pk)


def templates_visible_to(user) -> QuerySet[ReviewTemplate]:
    roles = roles_of(user)
    qs = ReviewTemplate.objects.prefetch_related("questions__scale__levels")
    return qs if roles.hr_admin or roles.employee else qs.none()
