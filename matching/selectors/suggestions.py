"""Mentors suggested for one mentee, best first, each explained."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Membership

from .. import scoring
from ..models import MatchingSettings
from .pool import exclusion_mask, scoring_pool


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
