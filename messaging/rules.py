"""Who may read a conversation, as `rules` predicates and a permission
(`messaging.view_conversation`): the one definition `access.can_read` asks. The list filter
(`access.conversations_visible_to`) says the same in SQL; tests/messaging/test_access_matrix.py
checks they agree for every person and conversation."""

from __future__ import annotations

import rules

from accounts.models import Membership, Role
from accounts.rules import in_program, is_program_coordinator, membership_predicate
from matching.models import Pairing

from .models import Conversation


@membership_predicate
def is_pair_conversation(membership: Membership, conversation) -> bool:
    return conversation.kind == Conversation.Kind.PAIR


@membership_predicate
def is_pair_mentee(membership: Membership, conversation) -> bool:
    """The pairing's mentee, for good (they keep their history after it ends)."""
    return conversation.pairing.mentee_id == membership.pk


@membership_predicate
def is_current_pair_mentor(membership: Membership, conversation) -> bool:
    pairing = conversation.pairing
    return (
        membership.role == Role.MENTOR
        and pairing.mentor_id == membership.pk
        and pairing.status in Pairing.CURRENT
    )


@membership_predicate
def is_conversation_member(membership: Membership, conversation) -> bool:
    """The member an "Ask the coordinators" conversation belongs to."""
    return conversation.member_id == membership.pk


# A pair's conversation: its mentee and its current mentor, never the coordinators (they see
# a reported message on its own). "Ask the coordinators": its member and every coordinator.
view_conversation = in_program & (
    (is_pair_conversation & (is_pair_mentee | is_current_pair_mentor))
    | (~is_pair_conversation & (is_conversation_member | is_program_coordinator))
)
rules.add_perm("messaging.view_conversation", view_conversation)


@membership_predicate
def can_read_its_conversation(membership: Membership, message) -> bool:
    return view_conversation.test(membership, message.conversation)


@membership_predicate
def is_message_author(membership: Membership, message) -> bool:
    return message.author_id == membership.pk


@membership_predicate
def is_coordinator(membership: Membership, message) -> bool:
    return membership.role == Role.COORDINATOR


# A message: whoever reads its conversation. Its author deletes it (the service adds the
# 15-minute and "not once reported" rules); the other participants report it.
rules.add_perm("messaging.view_message", can_read_its_conversation)
rules.add_perm("messaging.delete_message", can_read_its_conversation & is_message_author)
rules.add_perm(
    "messaging.report_message",
    can_read_its_conversation & ~is_message_author & ~is_coordinator,
)
