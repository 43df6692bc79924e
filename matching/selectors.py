"""Reads for matching, each page in a fixed number of queries.

Access: `pairing_get_for_user` is the one door to a pairing; `mentee_get_for_mentor` is the
one door through which a mentor reaches a mentee's records (only while currently paired).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, Program, Role, User
from accounts.selectors import ACTIVE_STATUSES

from . import scoring
from .models import DoNotPair, Intake, MatchingRound, MatchingSettings, Pairing

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


def member_get_for_coordinator(
    *, coordinator: Membership, member_id: int, role: str | None = None
) -> Membership:
    queryset = Membership.objects.filter(
        pk=member_id, program_id=coordinator.program_id, status__in=ACTIVE_STATUSES
    )
    if role:
        queryset = queryset.filter(role=role)
    membership = queryset.select_related("user__profile", "program").first()
    if membership is None:
        raise Http404
    return membership


# POOL FOR SCORING


@dataclass
class Pool:
    """Mentees and mentors of one program, ready for scoring (row i <-> ids[i])."""

    mentee_ids: list[int]
    mentee_intakes: list[scoring.Intake]
    mentor_ids: list[int]
    mentor_intakes: list[scoring.Intake]
    mentor_pool: scoring.MentorPool
    mentor_spare: np.ndarray  # capacity minus open pairings (proposed, active, paused)
    mentor_paused: np.ndarray


def _scoring_intakes(rows) -> list[scoring.Intake]:
    return [Intake(**row).as_scoring_intake() for row in rows]


INTAKE_FIELDS = [
    "focus_areas",
    "pathways",
    "languages",
    "availability",
    "formats",
    "region",
    "time_zone",
    "gender",
    "gender_preference",
    "interests",
    "lived_experience",
    "industries",
    "years_in_recovery",
]


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


def _mentor_rows(program: Program):
    return (
        Intake.objects.filter(
            membership__program=program,
            membership__role=Role.MENTOR,
            membership__status=Membership.Status.ACTIVE,
        )
        .annotate(
            open_count=Count(
                "membership__mentor_pairings",
                filter=Q(membership__mentor_pairings__status__in=Pairing.OPEN),
            )
        )
        .order_by("membership_id")
    )


def scoring_pool(
    *, program: Program, mentee_ids: list[int] | None = None, only_waiting: bool = True
) -> Pool:
    """Load intakes for scoring in two or three queries, whatever the program's size."""
    mentees = (
        waiting_mentees(program=program)
        if only_waiting
        else Membership.objects.filter(
            program=program, role=Role.MENTEE, status=Membership.Status.ACTIVE
        )
    )
    if mentee_ids is not None:
        mentees = mentees.filter(pk__in=mentee_ids)
    mentee_rows = list(
        Intake.objects.filter(membership__in=mentees.values("pk"))
        .order_by("membership_id")
        .values("membership_id", *INTAKE_FIELDS)
    )
    mentor_rows = list(
        _mentor_rows(program).values(
            "membership_id", "capacity", "paused", "open_count", *INTAKE_FIELDS
        )
    )
    mentor_ids = [row.pop("membership_id") for row in mentor_rows]
    load_rows = [
        (row.pop("capacity"), row.pop("paused"), row.pop("open_count")) for row in mentor_rows
    ]
    mentor_intakes = _scoring_intakes(mentor_rows)
    mentee_ids_out = [row.pop("membership_id") for row in mentee_rows]
    return Pool(
        mentee_ids=mentee_ids_out,
        mentee_intakes=_scoring_intakes(mentee_rows),
        mentor_ids=mentor_ids,
        mentor_intakes=mentor_intakes,
        mentor_pool=scoring.MentorPool.from_intakes(mentor_intakes),
        mentor_spare=np.asarray(
            [max(0, capacity - open_count) for capacity, _paused, open_count in load_rows],
            dtype=np.int64,
        ),
        mentor_paused=np.asarray([paused for _capacity, paused, _count in load_rows], dtype=bool),
    )


def exclusion_mask(*, program: Program, pool: Pool) -> np.ndarray:
    """True where a pair is excluded: do-not-pair rules and previous mentors (one query each)."""
    mask = np.zeros((len(pool.mentee_ids), len(pool.mentor_ids)), dtype=bool)
    if not mask.size:
        return mask
    row = {pk: i for i, pk in enumerate(pool.mentee_ids)}
    col = {pk: j for j, pk in enumerate(pool.mentor_ids)}
    pairs = list(DoNotPair.objects.filter(program=program).values_list("mentee_id", "mentor_id"))
    pairs += list(
        Pairing.objects.filter(program=program, status=Pairing.Status.ENDED).values_list(
            "mentee_id", "mentor_id"
        )
    )
    for mentee_id, mentor_id in pairs:
        if mentee_id in row and mentor_id in col:
            mask[row[mentee_id], col[mentor_id]] = True
    return mask


@dataclass
class Suggestion:
    mentor: Membership
    score: float
    reasons: list[scoring.Reason]


def suggestions_for_mentee(
    *, mentee: Membership, settings_row: MatchingSettings, k: int = 10
) -> list[Suggestion]:
    """Top mentors with spare capacity for one mentee, best first, each explained."""
    pool = scoring_pool(program=mentee.program, only_waiting=False, mentee_ids=[mentee.pk])
    if not pool.mentee_ids or not pool.mentor_ids:
        return []
    scores = scoring.build_scores(
        pool.mentee_intakes, pool.mentor_pool, settings_row.weights, settings_row.hard_constraints
    )
    available = (pool.mentor_spare > 0) & ~pool.mentor_paused
    available &= ~exclusion_mask(program=mentee.program, pool=pool)[0]
    top = scoring.top_mentors(scores, 0, k=k, extra_mask=available)
    mentor_ids = [pool.mentor_ids[j] for j, _score in top]
    mentors = Membership.objects.select_related("user__profile", "intake").in_bulk(mentor_ids)
    suggestions = []
    for j, score in top:
        reasons = scoring.explain_pair(
            pool.mentee_intakes[0],
            pool.mentor_intakes[j],
            settings_row.weights,
            settings_row.hard_constraints,
        )
        suggestions.append(
            Suggestion(mentor=mentors[pool.mentor_ids[j]], score=score, reasons=reasons)
        )
    return suggestions


# PAGES


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


def intake_completeness(*, program: Program) -> list[dict]:
    members = (
        Membership.objects.filter(
            program=program, role__in=[Role.MENTEE, Role.MENTOR], status__in=ACTIVE_STATUSES
        )
        .select_related("user__profile", "intake")
        .order_by("role", "user__profile__display_name")
    )
    rows = []
    for m in members:
        intake = getattr(m, "intake", None)
        percent = intake.completeness(is_mentor=m.role == Role.MENTOR) if intake else 0
        rows.append({"membership": m, "intake": intake, "percent": percent})
    return rows


# ROUNDS


def round_get_for_coordinator(*, coordinator: Membership, round_id: int) -> MatchingRound:
    """A matching round of the coordinator's own program; 404 for any other."""
    matching_round = (
        MatchingRound.objects.filter(program_id=coordinator.program_id, pk=round_id)
        .select_related("program", "created_by__profile")
        .first()
    )
    if matching_round is None:
        raise Http404
    return matching_round


def rounds_recent(*, program: Program, limit: int = 5) -> list[MatchingRound]:
    return list(MatchingRound.objects.filter(program=program).order_by("-created_at")[:limit])


def members_by_id(*, program: Program, ids) -> dict[int, Membership]:
    return (
        Membership.objects.filter(program=program, pk__in=set(ids))
        .select_related("user__profile")
        .in_bulk()
    )
