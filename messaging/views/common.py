"""What the messaging views share: the title of a conversation for the viewer, the viewer's
time zone, and the per-message buttons they may use."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role

from ..models import Conversation, Message
from ..services import message_can_be_deleted


def conversation_title(conversation: Conversation, membership: Membership) -> str:
    """The other party: the other person of a pair; "Coordinators" for the member of a
    coordinators conversation, the member's name for a coordinator."""
    if conversation.kind == Conversation.Kind.PAIR:
        pairing = conversation.pairing
        other = pairing.mentor if pairing.mentee_id == membership.pk else pairing.mentee
        return other.user.display_name
    if conversation.member_id == membership.pk:
        return _("Coordinators")
    return conversation.member.user.display_name


def viewer_time_zone(request, membership: Membership) -> str:
    """The viewer's own time zone, else the program's."""
    profile = getattr(request.user, "profile", None)
    return (profile.time_zone if profile else "") or membership.program.time_zone


def mark_actions(messages: list[Message], membership: Membership) -> list[Message]:
    """Sets `mine`, `can_delete` (own, first 15 minutes) and `can_report` (someone else's,
    for a participant: coordinators are the ones reports go to) on each message."""
    now = timezone.now()
    for message in messages:
        message.mine = message.author_id == membership.pk
        message.can_delete = message_can_be_deleted(message=message, by=membership, now=now)
        message.can_report = not message.mine and membership.role != Role.COORDINATOR
    return messages


def parse_id(value) -> int | None:
    """A record id from a query string: a positive whole number in ASCII digits, else None."""
    text = str(value or "").strip()
    if not text or not text.isascii() or not text.isdecimal():
        return None
    number = int(text)
    return number if 0 < number < 2**63 else None
