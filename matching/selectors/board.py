"""The coordinator's matching board: who waits for a mentor and every mentor's load."""

from __future__ import annotations

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, Program, Role
from accounts.selectors import ACTIVE_STATUSES

from ..models import Pairing


def member_get_for_coordinator(
    *, coordinator: Membership, member_id: int, role: str | None = None
) -> Membership:
    """An active member of the coordinator's own program (in `role`, if given); 404 for
    anyone else."""
    queryset = Membership.objects.filter(
        pk=member_id, program_id=coordinator.program_id, status__in=ACTIVE_STATUSES
    )
    if role:
        queryset = queryset.filter(role=role)
    membership = queryset.select_related("user__profile", "program").first()
    if membership is None:
        raise Http404
    return membership


def waiting_mentees(*, program: Program) -> QuerySet[Membership]:
    """Active mentees with no mentor and no open proposal, oldest wait first.

    They wait since joining or since their last pairing closed, whichever is later.
    """
    open_pairing = Pairing.objects.filter(mentee=OuterRef("pk"), status__in=Pairing.OPEN)
    return (
        Membership.objects.filter(
            program=program, role=Role.MENTEE, status=Membership.Status.ACTIVE
        )
        .annotate(has_open=Exists(open_pairing), last_closed=Max("mentee_pairings__closed_at"))
        .filter(has_open=False)
        .select_related("user__profile", "intake")
        .order_by("joined_at", "pk")
    )


def mentors_with_load(*, program: Program) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            program=program, role=Role.MENTOR, status=Membership.Status.ACTIVE
        )
        .annotate(
            active_count=Count(
                "mentor_pairings", filter=Q(mentor_pairings__status__in=Pairing.CURRENT)
            ),
            proposed_count=Count(
                "mentor_pairings", filter=Q(mentor_pairings__status=Pairing.Status.PROPOSED)
            ),
        )
        .select_related("user__profile", "intake")
        .order_by("user__profile__display_name", "pk")
    )


def mentor_get_for_request(*, program: Program, mentor_id: int) -> Membership:
    """An active mentor of the program a mentee may ask for; 404 for anyone else."""
    mentor = mentors_with_load(program=program).filter(pk=mentor_id).first()
    if mentor is None:
        raise Http404
    return mentor


def board(*, program: Program, focus: str = "", language: str = "") -> dict:
    """The matching board: who waits (oldest first) and every mentor's load."""
    mentees = list(waiting_mentees(program=program))
    mentors = list(mentors_with_load(program=program))
    # JSON list filters in Python: SQLite has no JSON containment lookup, and both lists are
    # already loaded in one query each.
    if focus:
        mentees = [m for m in mentees if focus in _intake_list(m, "focus_areas")]
        mentors = [
            m
            for m in mentors
            if focus in _intake_list(m, "focus_areas") + _intake_list(m, "lived_experience")
        ]
    if language:
        mentees = [m for m in mentees if language in _intake_list(m, "languages")]
        mentors = [m for m in mentors if language in _intake_list(m, "languages")]
    now = timezone.now()
    mentee_rows = []
    for m in mentees:
        since = max(filter(None, [m.joined_at, m.last_closed]))
        mentee_rows.append({"membership": m, "days_waiting": (now - since).days})
    proposals = (
        Pairing.objects.filter(program=program, status=Pairing.Status.PROPOSED)
        .select_related("mentee__user__profile", "mentor__user__profile")
        .order_by("expires_at")
    )
    return {"mentees": mentee_rows, "mentors": mentors, "proposals": list(proposals)}


def _intake_list(membership: Membership, field: str) -> list[str]:
    intake = getattr(membership, "intake", None)
    return list(getattr(intake, field, []) or []) if intake else []
