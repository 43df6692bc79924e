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

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Membership, User

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
        .select_related("pairing__mentee__user", "pairing__mentor__user", "member__user")
        .order_by("-last_message_at", "-pk")
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
    rows = Message.objects.filter(conversation=conversation).select_related("author__user")
    if before_id is not None:
        rows = rows.filter(pk__lt=before_id)
    latest = list(rows.order_by("-pk")[: PAGE_SIZE + 1])
    return MessagesPage(messages=latest[:PAGE_SIZE][::-1], has_earlier=len(latest) > PAGE_SIZE)


def messages_after(*, conversation: Conversation, after_id: int) -> list[Message]:
    return list(
        Message.objects.filter(conversation=conversation, pk__gt=after_id)
        .select_related("author__user")
        .order_by("pk")[:AFTER_LIMIT]
    )


def unread_count(user: User) -> int:
    """Across the person's active memberships (a person is in one or two programs): the
    memberships, then one query that counts, per readable conversation, the messages after
    the read mark by index range (conversation, id)."""
    memberships = list(
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
        .order_by()
        .only("pk", "role", "program_id")
    )
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
    "messages_after",
    "messages_page",
    "messages_visible_to",
    "unread_count",
]
