"""Invitations as a program's coordinators see them."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from ..models import Invitation, Program

INVITATION_STATES = ("open", "accepted", "expired")


def _state_q(state: str, now: datetime) -> Q:
    unanswered = Q(accepted_at__isnull=True, revoked_at__isnull=True)
    if state == "accepted":
        return Q(accepted_at__isnull=False)
    if state == "expired":
        return unanswered & Q(expires_at__lte=now)
    return unanswered & Q(expires_at__gt=now)


def invitations_pending(*, program: Program) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            program=program, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by__profile")
        .order_by("-created_at")
    )


def invitation_get_for_coordinator(*, program: Program, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.filter(program=program, id=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


def invitations_search(
    *, program: Program, now: datetime, state: str = "open", q: str = "", role: str = ""
) -> QuerySet[Invitation]:
    """Invitations in one state (open by default: expired ones leave the default view),
    newest first, narrowed by email and role."""
    invitations = (
        Invitation.objects.filter(_state_q(state, now), program=program)
        .select_related("invited_by__profile")
        .order_by("-created_at", "-pk")
    )
    if role:
        invitations = invitations.filter(role=role)
    if q:
        invitations = invitations.filter(email__icontains=q)
    return invitations


def invitation_state_counts(*, program: Program, now: datetime) -> dict[str, int]:
    """How many invitations are open, accepted and expired: one query."""
    return Invitation.objects.filter(program=program).aggregate(
        **{state: Count("pk", filter=_state_q(state, now)) for state in INVITATION_STATES}
    )
