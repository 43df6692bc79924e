"""Who may read and write which conversation: the one door for messaging.

Every function takes the membership `program_view` resolved for the request, so a
conversation is always looked up inside that program:

- PAIR conversation: its mentee, always (they keep their history after the pairing ends);
  its mentor while the pairing is current (active or paused): from the next request after it
  ends, nothing. Coordinators never, except each reported message on its own
  (`reports_visible_to`).
- COORDINATORS conversation: its member, and every coordinator of the program.
- Everyone else: 404.

Writing needs more than reading: a pair conversation takes new messages only while the
pairing is active (paused and ended ones are read-only, with a clear message).
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from matching.models import Pairing

from .models import Conversation, Message, MessageReport


def _visible_branches(membership: Membership) -> list[QuerySet]:
    """One index-driven query per way of taking part (an OR over joined tables would make
    PostgreSQL read every conversation and pairing of the program)."""
    pair = Conversation.Kind.PAIR
    branches = [
        Conversation.objects.filter(kind=pair, pairing__mentee=membership),
        Conversation.objects.filter(kind=Conversation.Kind.COORDINATORS, member=membership),
    ]
    if membership.role == Role.MENTOR:
        branches.append(
            Conversation.objects.filter(
                kind=pair, pairing__mentor=membership, pairing__status__in=Pairing.CURRENT
            )
        )
    if membership.role == Role.COORDINATOR:
        branches.append(
            Conversation.objects.filter(
                kind=Conversation.Kind.COORDINATORS, program_id=membership.program_id
            )
        )
    return [branch.values("pk") for branch in branches]


def visible_conversation_ids(memberships: list[Membership]) -> QuerySet:
    """A subquery of the ids of every conversation these memberships may read."""
    first, *rest = [branch for m in memberships for branch in _visible_branches(m)]
    return first.union(*rest, all=True)


def conversations_visible_to(membership: Membership) -> QuerySet[Conversation]:
    return Conversation.objects.filter(
        pk__in=visible_conversation_ids([membership]), program_id=membership.program_id
    )


def can_read(conversation: Conversation, membership: Membership) -> bool:
    """The rule `messaging.view_conversation` (messaging/rules.py) for one conversation already
    in hand (the page opens one conversation in one indexed query, without the union's
    planning); `_visible_branches` is the same rule for lists, and
    tests/messaging/test_access_matrix.py checks both give the same answer."""
    return rules.has_perm("messaging.view_conversation", membership, conversation)


def conversation_get_for_member(*, membership: Membership, conversation_id: int) -> Conversation:
    rows = (
        Conversation.objects.select_related(
            "program",
            "pairing__mentee__user__profile",
            "pairing__mentor__user__profile",
            "member__user__profile",
        )
        .filter(pk=conversation_id, program_id=membership.program_id)
        .order_by()  # one row by its key: no ORDER BY for the planner (first() would add one)
    )
    conversation = next(iter(rows), None)
    if conversation is None or not can_read(conversation, membership):
        raise Http404
    return conversation


def messages_visible_to(membership: Membership) -> QuerySet[Message]:
    return Message.objects.filter(conversation__in=conversations_visible_to(membership))


def message_get_for_member(
    *, membership: Membership, message_id: int, for_action: str = "view"
) -> Message:
    """A message of a conversation this person reads (404 otherwise), checked against
    `messaging.<for_action>_message` ("view", "delete" by its author, "report" by the other
    participants): 403 when they may read it but not do that."""
    message = (
        Message.objects.select_related("conversation__pairing", "author__user")
        .filter(pk=message_id, conversation__program_id=membership.program_id)
        .first()
    )
    if message is None or not rules.has_perm("messaging.view_message", membership, message):
        raise Http404
    if for_action != "view" and not rules.has_perm(
        f"messaging.{for_action}_message", membership, message
    ):
        raise PermissionDenied
    return message


def reports_visible_to(membership: Membership) -> QuerySet[MessageReport]:
    """Reported messages of the program, for its coordinators only."""
    if membership.role != Role.COORDINATOR:
        return MessageReport.objects.none()
    return MessageReport.objects.filter(message__conversation__program=membership.program)


def report_get_for_coordinator(*, membership: Membership, report_id: int) -> MessageReport:
    report = (
        reports_visible_to(membership)
        .select_related("message__author__user", "reporter__user", "handled_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404
    return report


def pairing_get_for_participant(*, membership: Membership, pairing_id: int) -> Pairing:
    """A pairing whose conversation this person may open: its mentee (for good) or its
    current mentor. Coordinators and everyone else: 404."""
    pairing = (
        Pairing.objects.filter(pk=pairing_id, program_id=membership.program_id)
        .filter(Q(mentee=membership) | Q(mentor=membership, status__in=Pairing.CURRENT))
        .first()
    )
    if pairing is None:
        raise Http404
    return pairing


def write_refusal(*, conversation: Conversation, membership: Membership) -> str | None:
    """Why this person cannot write here now, in words for them, or None when they can."""
    if conversation.kind == Conversation.Kind.PAIR:
        status = conversation.pairing.status
        if status == Pairing.Status.PAUSED:
            return _(
                "This pairing is paused: you can read your messages but not send new ones. "
                "You can write to the coordinators."
            )
        if status != Pairing.Status.ACTIVE:
            return _(
                "This pairing has ended: you can read your messages but not send new ones. "
                "You can write to the coordinators."
            )
        return None
    if conversation.member_id != membership.pk and membership.role != Role.COORDINATOR:
        return _("You cannot write in this conversation.")  # pragma: no cover (404 first)
    return None


def other_people(*, conversation: Conversation, membership: Membership) -> QuerySet[Membership]:
    """Who else takes part now (the recipients of a new message)."""
    if conversation.kind == Conversation.Kind.PAIR:
        pairing = conversation.pairing
        if pairing.status not in Pairing.CURRENT:
            ids = [pairing.mentee_id] if membership.pk != pairing.mentee_id else []
        else:
            ids = [pairing.mentee_id, pairing.mentor_id]
        return Membership.objects.filter(
            pk__in=[i for i in ids if i != membership.pk], status=Membership.Status.ACTIVE
        )
    if membership.role == Role.COORDINATOR:
        # A coordinator's reply goes to the member; the other coordinators see it when they
        # open the conversation, without a notification each.
        people = Q(pk=conversation.member_id)
    else:
        people = Q(program_id=conversation.program_id, role=Role.COORDINATOR)
    return Membership.objects.filter(people, status=Membership.Status.ACTIVE).exclude(
        pk=membership.pk
    )
