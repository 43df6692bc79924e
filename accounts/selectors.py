"""Reads for accounts and programs. Every program page enters through
`membership_get_for_user`: the one door that decides who may see a program."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import Invitation, Membership, Program, Role, User

ACTIVE_STATUSES = (Membership.Status.INVITED, Membership.Status.ACTIVE, Membership.Status.PAUSED)


def memberships_for_user(*, user: User) -> list[Membership]:
    """The programs a person takes part in (not the ones they left), for navigation and
    access. One query per request: the list is kept on the user object, which lives for
    one request."""
    cached = getattr(user, "_peerpath_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, status__in=ACTIVE_STATUSES)
            .select_related("program")
            .order_by("program__name")
        )
        user._peerpath_memberships = cached
    return cached


def membership_get_for_user(
    *, user: User, program_slug: str, roles: tuple[str, ...] | None = None
) -> Membership:
    """The requesting person's membership in a program.

    404 when they are not a member (nothing reveals the program exists); 403 when they
    are a member whose role may not open the page.
    """
    if not user.is_authenticated:
        raise Http404
    membership = next(
        (m for m in memberships_for_user(user=user) if m.program.slug == program_slug), None
    )
    if membership is None:
        raise Http404
    if roles is not None and membership.role not in roles:
        raise PermissionDenied
    membership.user = user  # the request's user, with its profile already loaded
    return membership


def user_has_mfa(*, user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def coordinator_needs_mfa(*, user: User) -> bool:
    return settings.COORDINATOR_MFA_REQUIRED and not user_has_mfa(user=user)


def program_members(*, program: Program) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(program=program)
        .select_related("user", "user__profile")
        .order_by("role", "user__profile__display_name", "user__email")
    )


def program_member_counts(*, program: Program) -> dict[str, int]:
    rows = (
        Membership.objects.filter(program=program, status__in=ACTIVE_STATUSES)
        .values("role")
        .annotate(n=Count("id"))
    )
    counts = {role: 0 for role in Role.values}
    counts.update({row["role"]: row["n"] for row in rows})
    return counts


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


def programs_with_members(*, user: User) -> QuerySet[Program]:
    return Program.objects.filter(
        Q(memberships__user=user) & Q(memberships__status__in=ACTIVE_STATUSES)
    ).prefetch_related(Prefetch("memberships", queryset=Membership.objects.filter(user=user)))
