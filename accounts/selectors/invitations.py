"""Invitations as a program's coordinators see them."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..models import Invitation, Membership, Program
from .memberships import ACTIVE_STATUSES

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


def invitations_open_for_user(*, user) -> list[Invitation]:
    """Open invitations sent to the person's verified address: an invitation stays tied to
    the address it was sent to, not only to the browser session that opened its link (the
    confirmation link may be opened in another browser)."""
    from allauth.account.models import EmailAddress

    if not user.is_authenticated or not user.email:
        return []
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
    if not verified:
        return []
    return list(
        Invitation.objects.filter(
            email__iexact=user.email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .exclude(
            Exists(
                Membership.objects.filter(
                    program=OuterRef("program"), user=user, status__in=ACTIVE_STATUSES
                )
            )
        )
        .select_related("program")
        .order_by("created_at")
    )
