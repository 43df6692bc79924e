"""Bulk matching rounds: compute an optimal set of proposals, let the coordinator review
and trim it, then write every proposal in one transaction with the mentors' rows locked."""

from __future__ import annotations

import time
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Program, Role

from .. import scoring
from ..assignment import assignment_total, optimal_assignment
from ..models import Intake, MatchingRound, Pairing
from ..selectors import exclusion_mask, scoring_pool
from .notify import round_proposals_notify
from .proposals import reasons_as_data
from .settings import matching_settings_for

UNMATCHED_NO_ELIGIBLE = "no_eligible"
UNMATCHED_BELOW_MIN = "below_min_score"
UNMATCHED_NO_ROOM = "no_room"


def round_start(
    *,
    program: Program,
    by: Membership,
    mentee_ids: list[int] | None = None,
    objective: str | None = None,
) -> MatchingRound:
    if not by.is_coordinator or by.program_id != program.pk:
        raise ValidationError(_("Only this program's coordinators can run matching."))
    settings_row = matching_settings_for(program=program)
    objective = objective or settings_row.objective
    if objective not in dict(settings_row.Objective.choices):
        raise ValidationError(_("Choose an objective."))
    has_mentors = Membership.objects.filter(
        program=program, role=Role.MENTOR, status=Membership.Status.ACTIVE
    ).exists()
    if not has_mentors:
        raise ValidationError(
            _("This program has no active mentors yet. Invite mentors before matching.")
        )
    pool = scoring_pool(program=program, mentee_ids=mentee_ids)
    if not pool.mentee_ids:
        raise ValidationError(_("No one chosen is waiting for a mentor (or has an intake)."))
    matching_round = MatchingRound.objects.create(
        program=program,
        created_by=by.user,
        objective=objective,
        mentee_ids=pool.mentee_ids,
    )
    # Larger rounds run on a Celery worker while the page shows progress.
    if len(pool.mentee_ids) > settings.MATCHING_ROUND_ASYNC_THRESHOLD:
        from ..tasks import round_compute_task

        round_id = matching_round.pk
        transaction.on_commit(lambda: round_compute_task.delay(round_id))
    else:
        round_compute(round_id=matching_round.pk)
        matching_round.refresh_from_db()
    return matching_round


def _progress(round_id: int, value: int, status: str | None = None) -> None:
    fields = {"progress": value}
    if status:
        fields["status"] = status
    MatchingRound.objects.filter(pk=round_id).update(**fields)


def round_compute(*, round_id: int) -> MatchingRound:
    matching_round = MatchingRound.objects.select_related("program").get(pk=round_id)
    if matching_round.status not in (MatchingRound.Status.QUEUED, MatchingRound.Status.FAILED):
        return matching_round
    program = matching_round.program
    started = time.perf_counter()
    _progress(round_id, 5, MatchingRound.Status.RUNNING)
    try:
        settings_row = matching_settings_for(program=program)
        pool = scoring_pool(program=program, mentee_ids=matching_round.mentee_ids)
        _progress(round_id, 20)
        scores = scoring.build_scores(
            pool.mentee_intakes,
            pool.mentor_pool,
            settings_row.weights,
            settings_row.hard_constraints,
            keep_similarity=False,
        )
        _progress(round_id, 50)
        excluded = exclusion_mask(program=program, pool=pool)
        capacity = np.where(pool.mentor_paused, 0, pool.mentor_spare)
        allowed = scores.allowed & ~excluded
        pairs = optimal_assignment(
            scores.total,
            capacity,
            allowed,
            min_score=settings_row.min_score,
            objective=matching_round.objective,
        )
        _progress(round_id, 80)
        proposals = []
        for i, j in pairs:
            reasons = scoring.explain_pair(
                pool.mentee_intakes[i],
                pool.mentor_intakes[j],
                settings_row.weights,
                settings_row.hard_constraints,
            )
            proposals.append(
                {
                    "mentee": pool.mentee_ids[i],
                    "mentor": pool.mentor_ids[j],
                    "score": round(float(scores.total[i, j]), 2),
                    "reasons": reasons_as_data(reasons[:4]),
                }
            )
        matched = {i for i, _j in pairs}
        usable = allowed & (capacity > 0)[None, :]
        unmatched = []
        for i, mentee_id in enumerate(pool.mentee_ids):
            if i in matched:
                continue
            if not allowed[i].any():
                reason = UNMATCHED_NO_ELIGIBLE
            elif not usable[i].any():
                reason = UNMATCHED_NO_ROOM
            elif not (usable[i] & (scores.total[i] >= settings_row.min_score)).any():
                reason = UNMATCHED_BELOW_MIN
            else:
                reason = UNMATCHED_NO_ROOM
            unmatched.append({"mentee": mentee_id, "reason": reason})
        MatchingRound.objects.filter(pk=round_id).update(
            status=MatchingRound.Status.READY,
            progress=100,
            proposals=proposals,
            unmatched=unmatched,
            stats={
                "seconds": round(time.perf_counter() - started, 3),
                "total_score": round(assignment_total(scores.total, pairs), 2),
                "mentees": len(pool.mentee_ids),
                "mentors": len(pool.mentor_ids),
            },
            finished_at=timezone.now(),
        )
    except Exception as exc:
        MatchingRound.objects.filter(pk=round_id).update(
            status=MatchingRound.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    return MatchingRound.objects.get(pk=round_id)


def _ready_round(matching_round: MatchingRound, by: Membership) -> MatchingRound:
    if not by.is_coordinator or by.program_id != matching_round.program_id:
        raise ValidationError(_("Only this program's coordinators can change this round."))
    locked = MatchingRound.objects.select_for_update().get(pk=matching_round.pk)
    if locked.status != MatchingRound.Status.READY:
        raise ValidationError(_("This round was already confirmed or discarded."))
    return locked


@transaction.atomic
def round_remove_pair(*, matching_round: MatchingRound, by: Membership, mentee_id: int):
    locked = _ready_round(matching_round, by)
    kept = [p for p in locked.proposals if p["mentee"] != mentee_id]
    if len(kept) != len(locked.proposals):
        locked.proposals = kept
        locked.unmatched = locked.unmatched + [{"mentee": mentee_id, "reason": "removed"}]
        # The preview's total is the sum of the pairs still in it.
        locked.stats = {
            **(locked.stats or {}),
            "total_score": round(sum(float(p["score"]) for p in kept), 2),
        }
        locked.save(update_fields=["proposals", "unmatched", "stats"])
    return locked


@transaction.atomic
def round_discard(*, matching_round: MatchingRound, by: Membership) -> MatchingRound:
    locked = _ready_round(matching_round, by)
    locked.status = MatchingRound.Status.DISCARDED
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def round_confirm(*, matching_round: MatchingRound, by: Membership) -> tuple[int, int]:
    """Write every proposal of the round; returns (created, skipped because things changed)."""
    locked = _ready_round(matching_round, by)
    settings_row = matching_settings_for(program=locked.program)
    mentor_ids = sorted({p["mentor"] for p in locked.proposals})
    # Lock every mentor in the round, in a fixed order, so concurrent proposals wait.
    intakes = {
        row.membership_id: row
        for row in Intake.objects.select_for_update()
        .filter(membership_id__in=mentor_ids)
        .order_by("membership_id")
    }
    open_load: dict[int, int] = {pk: 0 for pk in mentor_ids}
    for mentor_id in Pairing.objects.filter(
        mentor_id__in=mentor_ids, status__in=Pairing.OPEN
    ).values_list("mentor_id", flat=True):
        open_load[mentor_id] += 1
    busy_mentees = set(
        Pairing.objects.filter(
            mentee_id__in=[p["mentee"] for p in locked.proposals], status__in=Pairing.OPEN
        ).values_list("mentee_id", flat=True)
    )
    now = timezone.now()
    expires_at = now + timedelta(days=settings_row.proposal_expiry_days)
    to_create, skipped = [], 0
    for proposal in locked.proposals:
        intake = intakes.get(proposal["mentor"])
        if (
            intake is None
            or intake.paused
            or open_load[proposal["mentor"]] >= intake.capacity
            or proposal["mentee"] in busy_mentees
        ):
            skipped += 1
            continue
        open_load[proposal["mentor"]] += 1
        busy_mentees.add(proposal["mentee"])
        to_create.append(
            Pairing(
                program_id=locked.program_id,
                mentee_id=proposal["mentee"],
                mentor_id=proposal["mentor"],
                status=Pairing.Status.PROPOSED,
                source=Pairing.Source.ROUND,
                round=locked,
                proposed_by=by.user,
                proposed_at=now,
                expires_at=expires_at,
                score=proposal["score"],
                reasons=proposal["reasons"],
                mentee_accepted_at=None if settings_row.mentee_acceptance_required else now,
            )
        )
    Pairing.objects.bulk_create(to_create)
    round_proposals_notify(round_id=locked.pk, program=locked.program)
    locked.status = MatchingRound.Status.CONFIRMED
    locked.confirmed_at = now
    locked.save(update_fields=["status", "confirmed_at"])
    return len(to_create), skipped
