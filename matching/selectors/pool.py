"""Intakes of one program loaded for scoring, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Q

from accounts.models import Membership, Program, Role

from .. import scoring
from ..models import SCORING_FIELDS, DoNotPair, Intake, Pairing, scoring_intake
from .board import waiting_mentees


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
    return [scoring_intake(row) for row in rows]


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
        .values("membership_id", *SCORING_FIELDS)
    )
    mentor_rows = list(
        _mentor_rows(program).values(
            "membership_id", "capacity", "paused", "open_count", *SCORING_FIELDS
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
