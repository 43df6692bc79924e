"""Signals higher apps listen to, so accounts never imports them.

`membership_closed` is sent inside the transaction that removes a member from a program or
changes their role, with `membership`, `by` (the coordinator's Membership) and `reason`:
matching ends their current pairings and withdraws open proposals (so re-activating them
later gives back access to nobody), mentoring revokes their calendar feed link. Receivers'
changes commit or roll back with the change itself.
"""

from django.dispatch import Signal

membership_closed = Signal()
