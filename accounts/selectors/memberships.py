"""Memberships. Every program page enters through `membership_get_for_user`: the one door
that decides who may see a program."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ..models import Membership, Program, User

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


def program_members(*, program: Program) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(program=program)
        .select_related("user", "user__profile")
        .order_by("role", "user__profile__display_name", "user__email", "pk")
    )


def name_or_email(q: str, *, prefix: str = "") -> Q:
    """Memberships (or rows reaching one through `prefix`) whose person's display name or
    email contains `q`, ignoring case."""
    return Q(**{f"{prefix}user__profile__display_name__icontains": q}) | Q(
        **{f"{prefix}user__email__icontains": q}
    )


def members_search(
    *, program: Program, q: str = "", role: str = "", status: str = ""
) -> QuerySet[Membership]:
    """The member list: by role, then name; narrowed by a search and filters."""
    members = program_members(program=program)
    if role:
        members = members.filter(role=role)
    if status:
        members = members.filter(status=status)
    if q:
        members = members.filter(name_or_email(q))
    return members


def member_get_for_coordinator(*, program: Program, member_id: int) -> Membership:
    """A member of the coordinator's own program (any status); 404 for anyone else."""
    member = program_members(program=program).filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member
