"""The coordinators' program-wide "needs attention" queue: a page of items (the kinds are in
attention_kinds.py), one item, and what coordinators recently handled.

Items are listed most urgent kind first and oldest first within a kind, as one UNION ALL the
paginator slices in the database. An item is facts only: what, since when, about whom and who
is responsible (the mentee's current mentor, or the coordinators when there is none). Never
the text of a check-in, a note or a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, Program

from ..models import AttentionFollowUp, AttentionKind
from .attention_kinds import KIND_ORDER, item_rows, kind_queryset, kind_querysets

ITEMS_PER_PAGE = 25


@dataclass
class AttentionItem:
    kind: str
    subject_id: int
    member_id: int
    since: date
    mentor_id: int | None
    pairing_id: int | None
    member: Membership | None = None
    mentor: Membership | None = None

    @property
    def label(self) -> str:
        return AttentionKind(self.kind).label

    @property
    def ends_a_pairing(self) -> bool:
        """The pairing shown may be ended from its page (proposals are withdrawn instead)."""
        return self.pairing_id is not None and self.kind != AttentionKind.PROPOSAL


def attention_counts(*, program: Program, now: datetime | None = None) -> dict[str, int]:
    """How many items of each kind (six queries, whatever the program's size)."""
    querysets = kind_querysets(program, now or timezone.now())
    return {kind: queryset.count() for kind, queryset in querysets.items()}


class _CountedPaginator(Paginator):
    """The total is the sum of the kinds' counts, already read: no COUNT over the UNION."""

    def __init__(self, *args, total: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = total


def attention_page(
    *, program: Program, page_number, kind: str = "", now: datetime | None = None
) -> tuple[Page, dict[str, int]]:
    """One page of the queue (all kinds, or one) and the count of each kind. A fixed number
    of queries: the kinds' counts, the page, and the names on it."""
    querysets = kind_querysets(program, now or timezone.now())
    counts = {name: queryset.count() for name, queryset in querysets.items()}
    if kind in querysets:
        rows, total = item_rows(querysets[kind]), counts[kind]
    else:
        first, *rest = [item_rows(queryset) for queryset in querysets.values()]
        rows, total = first.union(*rest, all=True), sum(counts.values())
    rows = rows.order_by("a_rank", "a_since", "a_subject")
    page = _CountedPaginator(rows, ITEMS_PER_PAGE, total=total).get_page(page_number)
    items = [
        AttentionItem(
            kind=row["a_kind"],
            subject_id=row["a_subject"],
            member_id=row["a_member"],
            since=_as_date(row["a_since"]),
            mentor_id=row["a_mentor"],
            pairing_id=row["a_pairing"],
        )
        for row in page.object_list
    ]
    _attach_people(items)
    page.object_list = items
    return page, counts


def _as_date(value) -> date:
    # A UNION's rows go through the first query's converters only.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value


def _attach_people(items: list[AttentionItem]) -> None:
    ids = {item.member_id for item in items} | {item.mentor_id for item in items}
    ids.discard(None)
    if not ids:
        return
    people = Membership.objects.filter(pk__in=ids).select_related("user__profile").in_bulk()
    for item in items:
        item.member = people.get(item.member_id)
        item.mentor = people.get(item.mentor_id)


def attention_item_get(
    *, program: Program, kind: str, subject_id: int, now: datetime | None = None
) -> AttentionItem:
    """One item still in the program's queue, or 404 (another program's, handled, unknown)."""
    if kind not in KIND_ORDER:
        raise Http404
    row = item_rows(
        kind_queryset(program, kind, now or timezone.now()).filter(pk=subject_id)
    ).first()
    if row is None:
        raise Http404
    item = AttentionItem(
        kind=kind,
        subject_id=row["a_subject"],
        member_id=row["a_member"],
        since=_as_date(row["a_since"]),
        mentor_id=row["a_mentor"],
        pairing_id=row["a_pairing"],
    )
    _attach_people([item])
    return item


def attention_recently_handled(*, program: Program, limit: int = 10) -> list[AttentionFollowUp]:
    """The latest follow-ups, for the coordinators who share the queue: who, when, their note."""
    return list(
        AttentionFollowUp.objects.filter(program=program)
        .select_related("member__user__profile", "handled_by__profile")
        .order_by("-handled_at", "-pk")[:limit]
    )


def attention_already_handled(*, program: Program, kind: str, subject_id: int) -> bool:
    return AttentionFollowUp.objects.filter(
        program=program, kind=kind, subject_id=subject_id
    ).exists()
