"""Programs: what the home page shows per program, counts of members, enrollment links."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from ..models import Invitation, Membership, Program, Role, User
from .memberships import ACTIVE_STATUSES, memberships_for_user


def home_overview(*, user: User) -> list[dict]:
    """What the home page shows per program, in a fixed number of queries."""
    memberships = list(memberships_for_user(user=user))
    coordinated = [m.program_id for m in memberships if m.is_coordinator]
    counts: dict[int, dict[str, int]] = {}
    pending: dict[int, int] = {}
    if coordinated:
        for row in (
            Membership.objects.filter(program_id__in=coordinated, status__in=ACTIVE_STATUSES)
            .values("program_id", "role")
            .annotate(n=Count("id"))
        ):
            counts.setdefault(row["program_id"], {})[row["role"]] = row["n"]
        for row in (
            Invitation.objects.filter(
                program_id__in=coordinated,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .values("program_id")
            .annotate(n=Count("id"))
        ):
            pending[row["program_id"]] = row["n"]
    return [
        {
            "membership": m,
            "program": m.program,
            "counts": counts.get(m.program_id, {}),
            "pending_invitations": pending.get(m.program_id, 0),
        }
        for m in memberships
    ]


def program_member_counts(*, program: Program) -> dict[str, int]:
    rows = (
        Membership.objects.filter(program=program, status__in=ACTIVE_STATUSES)
        .values("role")
        .annotate(n=Count("id"))
    )
    counts = {role: 0 for role in Role.values}
    counts.update({row["role"]: row["n"] for row in rows})
    return counts


def program_get_for_enrollment(*, program_slug: str, token: str) -> Program | None:
    """The program an open-enrollment link is for, or None when the link is not open."""
    return Program.objects.filter(
        slug=program_slug, open_enrollment=True, enrollment_token=token
    ).first()
