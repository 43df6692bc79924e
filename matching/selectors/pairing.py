"""Pairings as their two people and their coordinators see them.

Access: `pairing_get_for_user` is the one door to a pairing; `mentee_get_for_mentor` is the
one door through which a mentor reaches a mentee's records (only while currently paired).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, Program, Role, User
from accounts.selectors import ACTIVE_STATUSES

from ..models import Pairing
from .board import waiting_mentees

# ACCESS


def pairing_visible_to(user: User) -> Q:
    """Pairings a person may see: their own (as mentee or mentor) and, for coordinators,
    their programs'."""
    coordinated = Membership.objects.filter(
        user=user, role=Role.COORDINATOR, status__in=ACTIVE_STATUSES
    ).values("program_id")
    return Q(mentee__user=user) | Q(mentor__user=user) | Q(program_id__in=coordinated)


def pairing_get_for_user(*, user: User, pairing_id: int, program: Program) -> Pairing:
    pairing = (
        Pairing.objects.filter(pairing_visible_to(user), pk=pairing_id, program=program)
        .select_related("mentee__user__profile", "mentor__user__profile", "program")
        .first()
    )
    if pairing is None:
        raise Http404
    return pairing


def mentee_get_for_mentor(*, mentor: Membership, mentee_id: int) -> Membership:
    """A mentee's membership, only for their current mentor (active or paused pairing).

    When the pairing ends the former mentor gets 404 from the very next request.
    """
    membership = (
        Membership.objects.filter(
            pk=mentee_id,
            program_id=mentor.program_id,
            mentee_pairings__mentor=mentor,
            mentee_pairings__status__in=Pairing.CURRENT,
        )
        .select_related("user__profile")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


# PAGES


def pairings_for_member(*, membership: Membership) -> QuerySet[Pairing]:
    field = "mentee" if membership.role == Role.MENTEE else "mentor"
    return (
        Pairing.objects.filter(**{field: membership})
        .select_related("mentee__user__profile", "mentor__user__profile", "mentor__intake")
        .order_by("-proposed_at")
    )


def home_pairing_state(*, membership: Membership) -> dict:
    """What a mentee or mentor sees of their pairings on their home page."""
    now = timezone.now()
    field = "mentee" if membership.role == Role.MENTEE else "mentor"
    # Only the other person: the home names them, and a mentor's ten pairings built the
    # mentor's own membership, user and profile ten more times. The mentee's program gives the
    # mentor's dashboard each mentee's "today".
    other = (
        ("mentor__user__profile",)
        if field == "mentee"
        else ("mentee__user__profile", "mentee__program")
    )
    pairings = list(
        Pairing.objects.filter(**{field: membership}, status__in=Pairing.OPEN)
        .select_related(*other)
        .order_by("-proposed_at")
    )
    current = [p for p in pairings if p.status in Pairing.CURRENT]
    proposed = [p for p in pairings if p.status == Pairing.Status.PROPOSED and p.expires_at > now]
    state = {"current": current, "proposed": proposed, "waiting_position": None}
    if membership.role == Role.MENTEE and not pairings:
        ahead = waiting_mentees(program=membership.program).filter(
            Q(joined_at__lt=membership.joined_at)
            | Q(joined_at=membership.joined_at, pk__lt=membership.pk)
        )
        state["waiting_position"] = ahead.count() + 1
    return state


def pairing_current_with_mentee(*, mentor: Membership, mentee: Membership) -> Pairing | None:
    """The mentor's current (active or paused) pairing with this mentee."""
    # Only the pairing's own row: callers already hold both people.
    return (
        Pairing.objects.filter(mentor=mentor, mentee=mentee, status__in=Pairing.CURRENT)
        .order_by("-proposed_at")
        .first()
    )


def pairing_history(*, membership: Membership) -> list[dict]:
    """Every pairing of a mentee or mentor, newest first, with the other person: dates,
    status and close reason only (one query)."""
    is_mentee = membership.role == Role.MENTEE
    field, other = ("mentee", "mentor") if is_mentee else ("mentor", "mentee")
    pairings = (
        Pairing.objects.filter(**{field: membership})
        .select_related(f"{other}__user__profile")
        .order_by("-proposed_at", "-pk")
    )
    return [{"pairing": p, "other": getattr(p, other)} for p in pairings]
