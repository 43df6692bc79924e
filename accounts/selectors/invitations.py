"""Invitations as a program's coordinators see them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ..models import Invitation, Program


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
