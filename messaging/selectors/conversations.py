"""Reads of messaging. Every queryset starts from messaging.access.

- `conversation_list(membership)`: the person's conversations, latest activity first, each
  with its unread count and the other party, in a fixed number of queries.
- `messages_page(conversation, before_id=None)`: the latest 50 (or the 50 before a message
  id: keyset, not OFFSET), oldest first, and whether there are earlier ones.
- `messages_after(conversation, after_id)`: new messages for the live view.
- `unread_count(user)`: messages others wrote after the person's read mark, in every
  conversation they may read: one query, for the header.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Membership, Role, User
from matching.models import Pairing

from ..access import conversations_visible_to, messages_visible_to, visible_conversation_ids
from ..models import Conversation, Message, ReadMark

PAGE_SIZE = 50
AFTER_LIMIT = 200


def _last_read(membership: Membership):
    return Coalesce(
        Subquery(
            ReadMark.objects.filter(conversation=OuterRef("pk"), membership=membership).values(
                "last_read_id"
            )[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )


def conversation_list(membership: Membership) -> QuerySet[Conversation]:
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), id__gt=OuterRef("last_read"))
        .exclude(author=membership)
        .order_by()
        .values("conversation")
        .annotate(count=Count("*"))
        .values("count")
    )
    return (
        conversations_visible_to(membership)
        .annotate(last_read=_last_read(membership))
        .annotate(unread=Coalesce(Subquery(unread), Value(0), output_field=IntegerField()))
        .select_related(
            "pairing__mentee__user__profile",
            "pairing__mentor__user__profile",
            "member__user__profile",
        )
        .order_by(F("last_message_at").desc(nulls_last=True), "-pk")
    )


def current_pairings(membership: Membership) -> list[Pairing]:
    """The person's current pairings that have a conversation to open (accepted by both), as
    mentee or mentor, with the other person's name: the links on the conversations page."""
    if membership.role not in (Role.MENTEE, Role.MENTOR):
        return []
    return list(
        Pairing.objects.filter(
            Q(mentee=membership) | Q(mentor=membership),
            status__in=Pairing.CURRENT,
            activated_at__isnull=False,
        )
        .select_related("mentee__user__profile", "mentor__user__profile")
        .order_by("-activated_at")
    )


@dataclass(frozen=True)
class MessagesPage:
    messages: list[Message]
    has_earlier: bool

    @property
    def first_id(self) -> int | None:
        return self.messages[0].pk if self.messages else None

    @property
    def last_id(self) -> int | None:
        return self.messages[-1].pk if self.messages else None


def messages_page(*, conversation: Conversation, before_id: int | None = None) -> MessagesPage:
    rows = Message.objects.filter(conversation=conversation).select_related("author__user__profile")
    if before_id is not None:
        rows = rows.filter(pk__lt=before_id)
    latest = list(rows.order_by("-pk")[: PAGE_SIZE + 1])
    return MessagesPage(messages=latest[:PAGE_SIZE][::-1], has_earlier=len(latest) > PAGE_SIZE)


def messages_after(*, conversation: Conversation, after_id: int) -> list[Message]:
    return list(
        Message.objects.filter(conversation=conversation, pk__gt=after_id)
        .select_related("author__user__profile")
        .order_by("pk")[:AFTER_LIMIT]
    )


def unread_count(user: User, *, memberships: list[Membership] | None = None) -> int:
    """Across the person's active memberships (a person is in one or two programs): one query
    that counts, per readable conversation, the messages after the read mark by index range
    (conversation, id). Pass the request's already loaded `memberships`
    (accounts.selectors.memberships_for_user), or they are read first."""
    if memberships is None:
        memberships = list(
            Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
            .order_by()
            .only("pk", "role", "program_id")
        )
    else:
        memberships = [m for m in memberships if m.status == Membership.Status.ACTIVE]
    if not memberships:
        return 0
    mine = [m.pk for m in memberships]
    last_read = Coalesce(
        Subquery(
            ReadMark.objects.filter(conversation=OuterRef("pk"), membership_id__in=mine)
            .order_by("-last_read_id")
            .values("last_read_id")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), id__gt=OuterRef("last_read"))
        .exclude(author_id__in=mine)
        .order_by()
        .values("conversation")
        .annotate(count=Count("*"))
        .values("count")
    )
    total = (
        Conversation.objects.filter(pk__in=visible_conversation_ids(memberships))
        .annotate(last_read=last_read)
        .annotate(unread=Coalesce(Subquery(unread), Value(0), output_field=IntegerField()))
        .aggregate(total=Sum("unread"))["total"]
    )
    return total or 0


__all__ = [
    "PAGE_SIZE",
    "MessagesPage",
    "conversation_list",
    "current_pairings",
    "messages_after",
    "messages_page",
    "messages_visible_to",
    "unread_count",
]
