"""Reads of praise: the wall (filters by unit, value and person), one praise, the company's values.

Every member reads every praise, so the wall's scope is the whole company; its cost is fixed whatever the
size: a count, a page of ids, the rows, their recipients and their reactions (five queries).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from common.access import fetch
from people.models import Person, Unit

from ..models import CompanyValue, Praise, PraiseRecipient, Reaction
from ..rules import is_member, me_of

PER_PAGE = 20
REACTIONS = [(Reaction.Kind.HEART, "♥"), (Reaction.Kind.STAR, "★"), (Reaction.Kind.AGREE, "+1")]


def praise_visible_to(user) -> QuerySet[Praise]:
    if not is_member(user):
        return Praise.objects.none()
    return Praise.objects.select_related("author__unit", "value")


def praise_detail(user, pk: Any) -> Praise:
    praise = fetch(praise_visible_to(user), pk)
    attach(user, [praise])
    return praise


def values_offered() -> list[CompanyValue]:
    return list(CompanyValue.objects.filter(active=True))


def praise_filter(qs: QuerySet[Praise], *, unit: Unit | None = None, value: CompanyValue | None = None,
                  person: Person | None = None, author: Person | None = None) -> QuerySet[Praise]:
    """Praise received by ``person`` or by someone in ``unit`` (and the units under it), for ``value``."""
    if person is not None:
        qs = qs.filter(Exists(PraiseRecipient.objects.filter(praise_id=OuterRef("pk"), person_id=person.pk)))
    if unit is not None:
        qs = qs.filter(Exists(PraiseRecipient.objects.filter(
            praise_id=OuterRef("pk"), person__unit__lineage__startswith=unit.lineage)))
    if value is not None:
        qs = qs.filter(value_id=value.pk)
    if author is not None:
        qs = qs.filter(author_id=author.pk)
    return qs


def attach(user, praises: list[Praise]) -> None:
    """Each praise's recipients (``recipient_list``) and reactions (``reaction_rows``: kind, label, symbol,
    count, whether the caller gave it), for the whole list at once (two queries)."""
    ids = [p.pk for p in praises]
    recipients: dict[int, list[Person]] = defaultdict(list)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    mine: set[tuple[int, str]] = set()
    if ids:
        for row in PraiseRecipient.objects.filter(praise_id__in=ids).select_related("person__unit").order_by(
                "person__full_name", "person_id"):
            recipients[row.praise_id].append(row.person)
        me = me_of(user)
        for praise_id, kind, n, own in Reaction.objects.filter(praise_id__in=ids).values("praise_id", "kind").annotate(
                n=Count("pk"), own=Count("pk", filter=Q(person_id=me.pk if me else None))).values_list(
                "praise_id", "kind", "n", "own"):
            counts[praise_id][kind] = n
            if own:
                mine.add((praise_id, kind))
    labels = dict(Reaction.Kind.choices)
    for praise in praises:
        praise.recipient_list = recipients.get(praise.pk, [])
        praise.reaction_rows = [{"kind": kind, "label": labels[kind], "symbol": symbol,
                                 "count": counts[praise.pk].get(kind, 0), "mine": (praise.pk, kind) in mine}
                                for kind, symbol in REACTIONS]


@dataclass
class WallPage:
    items: list[Praise]
    count: int
    page: int
    per_page: int = PER_PAGE
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, -(-self.count // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def praise_wall(user, *, page: int = 1, per_page: int = PER_PAGE, **filters: Any) -> WallPage:
    """One page of the wall, newest first: ids first (an index walk), then the page's rows whole."""
    qs = praise_filter(praise_visible_to(user), **filters)
    count = qs.count()
    page = max(1, min(page, max(1, -(-count // per_page))))
    ids = list(qs.order_by("-created_at", "-pk").values_list("pk", flat=True)[(page - 1) * per_page:page * per_page])
    by_id = praise_visible_to(user).in_bulk(ids)
    items = [by_id[pk] for pk in ids if pk in by_id]
    attach(user, items)
    return WallPage(items=items, count=count, page=page, per_page=per_page)


def praise_received(person: Person, *, start, end) -> list[Praise]:
    """Praise ``person`` received between ``start`` and ``end`` (datetimes), oldest first: public to members,
    so the reader's scope is only that they are one (the caller checks it)."""
    return list(Praise.objects.filter(
        Exists(PraiseRecipient.objects.filter(praise_id=OuterRef("pk"), person_id=person.pk)),
        created_at__gte=start, created_at__lt=end,
    ).select_related("author", "value").order_by("created_at", "pk"))
