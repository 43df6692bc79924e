"""Access predicates about a person's place in a program. Every PeerPath predicate takes the
membership the `program_view` door resolved (a person has a different role in each program)
and a record; anything else (a user, from `user.has_perm`) answers no. Check rules with
`rules.has_perm(name, membership, record)`: `user.has_perm` lets an active superuser through
whatever the rule says."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import rules

from .models import Membership, Role


def membership_predicate(test: Callable) -> rules.Predicate:
    """A predicate over (membership, record) that answers no to anything but a membership
    and a record."""

    @wraps(test)
    def guarded(membership, record) -> bool:
        if not isinstance(membership, Membership) or record is None:
            return False
        return bool(test(membership, record))

    return rules.predicate(guarded, name=test.__name__)


@membership_predicate
def is_program_coordinator(membership: Membership, record) -> bool:
    """A coordinator of the record's program (records name their program by `program_id`)."""
    return (
        membership.role == Role.COORDINATOR
        and getattr(record, "program_id", None) == membership.program_id
    )


@membership_predicate
def in_program(membership: Membership, record) -> bool:
    return getattr(record, "program_id", None) == membership.program_id
