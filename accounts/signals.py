"""Signals higher apps listen to, so accounts never imports them.

`membership_closed` is sent inside the transaction that removes a member from a program or
changes their role, with `membership`, `by` (the coordinator's Membership) and `reason`:
matching ends their current pairings and withdraws open proposals (so re-activating them
later gives back access to nobody), mentoring revokes their calendar feed link. Receivers'
changes commit or roll back with the change itself. When members leave by themselves
(`membership_leave`, e.g. erasing their account) `by` is their own membership.

`person_erased` is sent inside the transaction of `mydata.services.person_erase`, after the
person's data is erased, with `user_id` and `program_ids` (the programs they were in): the
audit trail records that an erasure happened, never what was erased.
"""

from django.dispatch import Signal

membership_closed = Signal()
person_erased = Signal()
