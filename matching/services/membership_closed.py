"""When a member leaves the program or changes role (accounts.signals.membership_closed):
their current pairings end with the coordinator's reason (planned meetings are cancelled, as
ending a pairing always does) and their open proposals are withdrawn. Re-activating them later
gives them back access to nobody: a new pairing is needed."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from accounts.models import Membership

from ..models import Pairing
from .pairing import pairing_decline, pairing_end, pairing_withdraw


def pairings_close_for_member(*, membership: Membership, by: Membership, reason: str) -> int:
    mine = Q(mentee=membership) | Q(mentor=membership)
    closed = 0
    for pairing in Pairing.objects.filter(mine, status__in=Pairing.CURRENT):
        pairing_end(pairing=pairing, by=by, reason=reason)
        closed += 1
    for pairing in Pairing.objects.filter(mine, status=Pairing.Status.PROPOSED):
        if by.pk == membership.pk:  # leaving by themselves: they decline what is open
            if pairing.expires_at > timezone.now():  # an expired one is the sweep's
                pairing_decline(pairing=pairing, by=by, reason=reason)
        else:
            pairing_withdraw(pairing=pairing, by=by, reason=reason)
        closed += 1
    return closed


def on_membership_closed(sender, *, membership, by, reason, **kwargs) -> None:
    pairings_close_for_member(membership=membership, by=by, reason=reason)
