"""The coordinator's matching board: who waits for a mentor and every mentor's load."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, Program, Role
from accounts.selectors import ACTIVE_STATUSES, name_or_email

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


def _last_closed():
    return Subquery(
        Pairing.objects.filter(mentee=OuterRef("pk"), closed_at__isnull=False)
        .order_by("-closed_at")
        .values("closed_at")[:1]
    )


def _mentor_count(statuses) -> Coalesce:
    counted = (
        Pairing.objects.filter(mentor=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def waiting_mentees(*, program: Program) -> QuerySet[Membership]:
    """Active mentees with no mentor and no open proposal, oldest first.

    They wait since joining or since their last pairing closed, whichever is later
    (`waiting_since`). Subqueries, not a join with GROUP BY: thousands of waiting people are
    filtered and counted without grouping their rows.
    """
    open_pairing = Pairing.objects.filter(mentee=OuterRef("pk"), status__in=Pairing.OPEN)
    return (
        Membership.objects.filter(
            ~Exists(open_pairing),
            program=program,
            role=Role.MENTEE,
            status=Membership.Status.ACTIVE,
        )
        .annotate(last_closed=_last_closed())
        .annotate(waiting_since=Greatest("joined_at", Coalesce("last_closed", "joined_at")))
        .select_related("user__profile", "intake")
        .order_by("joined_at", "pk")
    )


def mentors_with_load(*, program: Program) -> QuerySet[Membership]:
    """Active mentors with their current (`active_count`) and proposed (`proposed_count`)
    mentees, by name."""
    return (
        Membership.objects.filter(
            program=program, role=Role.MENTOR, status=Membership.Status.ACTIVE
        )
        .annotate(
            active_count=_mentor_count(Pairing.CURRENT),
            proposed_count=_mentor_count([Pairing.Status.PROPOSED]),
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


def json_list_has(field: str, code: str) -> Q:
    """Rows whose JSON list `field` holds `code`. PostgreSQL asks jsonb containment; SQLite
    has no containment lookup, so it looks for the quoted code in the stored JSON text (codes
    are plain words: no quote or backslash to escape)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [code]})
    return Q(**{f"{field}__icontains": f'"{code}"'})


LOAD_FILTERS = ("room", "full", "none")


def board_mentees(
    *, program: Program, q: str = "", focus: str = "", language: str = "", waited_days=None
) -> QuerySet[Membership]:
    """The board's waiting list in the order mentees see their place in line (joined first,
    as `home_pairing_state` counts it), narrowed by a search and filters. Ordering by a plain
    column lets PostgreSQL work out `waiting_since` for the page's rows only, not for every
    waiting person."""
    mentees = waiting_mentees(program=program)
    if q:
        mentees = mentees.filter(name_or_email(q))
    if focus:
        mentees = mentees.filter(json_list_has("intake__focus_areas", focus))
    if language:
        mentees = mentees.filter(json_list_has("intake__languages", language))
    if waited_days:
        mentees = mentees.filter(
            waiting_since__lte=timezone.now() - timedelta(days=int(waited_days))
        )
    return mentees


def board_mentors(
    *, program: Program, q: str = "", focus: str = "", language: str = "", load: str = ""
) -> QuerySet[Membership]:
    """Mentors and their load, narrowed: `load` is "room" (not paused, fewer current mentees
    than their capacity), "full" (at or over it) or "none" (no current mentee)."""
    mentors = mentors_with_load(program=program)
    if q:
        mentors = mentors.filter(name_or_email(q))
    if focus:
        mentors = mentors.filter(
            json_list_has("intake__focus_areas", focus)
            | json_list_has("intake__lived_experience", focus)
        )
    if language:
        mentors = mentors.filter(json_list_has("intake__languages", language))
    if load == "room":
        mentors = mentors.filter(intake__paused=False, active_count__lt=F("intake__capacity"))
    elif load == "full":
        mentors = mentors.filter(active_count__gte=F("intake__capacity"))
    elif load == "none":
        mentors = mentors.filter(active_count=0)
    return mentors


def board_proposals(*, program: Program) -> QuerySet[Pairing]:
    """Open proposals, soonest to expire first."""
    return (
        Pairing.objects.filter(program=program, status=Pairing.Status.PROPOSED)
        .select_related("mentee__user__profile", "mentor__user__profile")
        .order_by("expires_at", "pk")
    )


def with_days_waiting(mentees, *, now) -> list[dict]:
    """Rows for one page of `board_mentees`."""
    return [{"membership": m, "days_waiting": (now - m.waiting_since).days} for m in mentees]
