"""What the messaging views share: the title of a conversation for the viewer, the viewer's
time zone, and the per-message buttons they may use."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership, Role

from ..models import Conversation, Message
from ..services import message_can_be_deleted
from ..templatetags.message_tags import message_text


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


def mark_actions(
    messages: list[Message], membership: Membership, *, zone: str | None = None
) -> list[Message]:
    """Sets `mine`, `can_delete` (own, first 15 minutes) and `can_report` (someone else's,
    for a participant: coordinators are the ones reports go to) on each message, and what the
    page prints, worked out once here rather than per cell in the template (50 messages
    cost a 1,000-message page its 50 ms target otherwise): `author_name`, `when_label` in the
    viewer's `zone` (each day's name formatted once), `when_iso`, `body_html` and the two
    action links (one reverse each, the id put in)."""
    now = timezone.now()
    local = ZoneInfo(zone) if zone else timezone.get_current_timezone()
    slug = membership.program.slug
    delete_url = reverse("messaging:delete", args=[slug, 0])
    report_url = reverse("messaging:report", args=[slug, 0])
    day_labels: dict = {}
    for message in messages:
        message.mine = message.author_id == membership.pk
        message.can_delete = message_can_be_deleted(message=message, by=membership, now=now)
        message.can_report = not message.mine and membership.role != Role.COORDINATOR
        message.author_name = message.author.user.display_name
        at = message.created_at.astimezone(local)
        day = at.date()
        if day not in day_labels:
            day_labels[day] = date_format(day, "D j M")
        message.when_label = f"{day_labels[day]}, {at:%H:%M}"
        message.when_iso = at.isoformat()
        message.body_html = message_text(message.body)
        message.delete_url = delete_url.replace("/0/", f"/{message.pk}/", 1)
        message.report_url = report_url.replace("/0/", f"/{message.pk}/", 1)
    return messages
