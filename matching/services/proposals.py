"""Proposing a pair: a coordinator's proposal or a mentee's own request (self-match).

Capacity and "one mentor per mentee" hold in the database: the mentor's intake row is locked
while a pairing takes their capacity, and partial unique constraints guard the mentee side."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role

from .. import scoring
from ..models import DoNotPair, Intake, MatchingSettings, Pairing
from .intake import intake_for, lock_mentor_intake
from .notify import proposal_notify
from .settings import matching_settings_for


def reasons_as_data(reasons: list[scoring.Reason]) -> list[dict]:
    return [asdict(reason) | {"shared": list(reason.shared)} for reason in reasons]


def pair_problems(
    *,
    mentee: Membership,
    mentor: Membership,
    mentee_intake: Intake,
    mentor_intake: Intake,
    settings_row: MatchingSettings,
    override_previous: bool = False,
) -> tuple[float, list[scoring.Reason], list[str]]:
    """Score a pair and list every reason it cannot be proposed (empty when it can)."""
    problems: list[str] = []
    if mentee.program_id != mentor.program_id:
        problems.append(_("These two people are in different programs."))
    if mentee.role != Role.MENTEE or mentor.role != Role.MENTOR:
        problems.append(_("A pairing links a mentee and a mentor."))
    if mentee.status != Membership.Status.ACTIVE or mentor.status != Membership.Status.ACTIVE:
        problems.append(_("Both people must be active members of the program."))
    if mentor_intake.paused:
        problems.append(_("This mentor is not taking new mentees right now."))
    load = Pairing.objects.filter(mentor=mentor, status__in=Pairing.OPEN).count()
    if load >= mentor_intake.capacity:
        problems.append(
            _("This mentor is at capacity (%(load)s of %(capacity)s).")
            % {"load": load, "capacity": mentor_intake.capacity}
        )
    if DoNotPair.objects.filter(mentee=mentee, mentor=mentor).exists():
        problems.append(_("These two are marked “do not pair”."))
    if (
        not override_previous
        and Pairing.objects.filter(
            mentee=mentee, mentor=mentor, status=Pairing.Status.ENDED
        ).exists()
    ):
        problems.append(_("This was the mentee's mentor before. A coordinator can override this."))
    if Pairing.objects.filter(mentee=mentee, status__in=Pairing.OPEN).exists():
        problems.append(_("This mentee already has a mentor or an open proposal."))
    reasons = scoring.explain_pair(
        mentee_intake.as_scoring_intake(),
        mentor_intake.as_scoring_intake(),
        settings_row.weights,
        settings_row.hard_constraints,
    )
    blocking = {
        "gender": _("The gender preference of one of them is not met."),
        "language": _("They share no language, which this program requires."),
        "format": _("They share no meeting format, which this program requires."),
    }
    problems += [blocking[r.criterion] for r in reasons if r.blocking]
    score = round(sum(r.points for r in reasons), 2)
    return score, reasons, problems


@transaction.atomic
def pairing_propose(
    *,
    mentee: Membership,
    mentor: Membership,
    by: Membership,
    override_previous: bool = False,
    source: str = Pairing.Source.COORDINATOR,
    now=None,
) -> Pairing:
    """A coordinator proposes a pair; both people then accept (unless the program lets the
    coordinator's proposal stand for the mentee). `now` is the moment of the proposal (the
    demo backdates pairings that started weeks ago)."""
    if not by.is_coordinator or by.program_id != mentee.program_id:
        raise ValidationError(_("Only this program's coordinators can propose pairs."))
    settings_row = matching_settings_for(program=mentee.program)
    mentor_intake = lock_mentor_intake(mentor)
    score, reasons, problems = pair_problems(
        mentee=mentee,
        mentor=mentor,
        mentee_intake=intake_for(membership=mentee),
        mentor_intake=mentor_intake,
        settings_row=settings_row,
        override_previous=override_previous,
    )
    if problems:
        raise ValidationError(problems)
    now = now or timezone.now()
    pairing = _create_proposal(
        mentee=mentee,
        mentor=mentor,
        proposed_by=by.user,
        source=source,
        score=score,
        reasons=reasons_as_data(reasons),
        now=now,
        expires_at=now + timedelta(days=settings_row.proposal_expiry_days),
        mentee_accepted=not settings_row.mentee_acceptance_required,
        overrides_previous_mentor=override_previous,
    )
    proposal_notify(pairing=pairing)
    return pairing


@transaction.atomic
def pairing_request(*, mentee: Membership, mentor: Membership) -> Pairing:
    """Self-match: a mentee asks for one of their suggested mentors; the mentor accepts."""
    settings_row = matching_settings_for(program=mentee.program)
    if not settings_row.self_match_enabled:
        raise ValidationError(_("In this program, your coordinator pairs people."))
    mentor_intake = lock_mentor_intake(mentor)
    score, reasons, problems = pair_problems(
        mentee=mentee,
        mentor=mentor,
        mentee_intake=intake_for(membership=mentee),
        mentor_intake=mentor_intake,
        settings_row=settings_row,
    )
    if problems:
        raise ValidationError(_("This mentor can't be requested right now."))
    now = timezone.now()
    pairing = _create_proposal(
        mentee=mentee,
        mentor=mentor,
        proposed_by=mentee.user,
        source=Pairing.Source.MENTEE_REQUEST,
        score=score,
        reasons=reasons_as_data(reasons),
        now=now,
        expires_at=now + timedelta(days=settings_row.proposal_expiry_days),
        mentee_accepted=True,
    )
    proposal_notify(pairing=pairing)
    return pairing


def _create_proposal(*, mentee, mentor, now, mentee_accepted, **fields) -> Pairing:
    try:
        with transaction.atomic():
            return Pairing.objects.create(
                program_id=mentee.program_id,
                mentee=mentee,
                mentor=mentor,
                status=Pairing.Status.PROPOSED,
                proposed_at=now,
                mentee_accepted_at=now if mentee_accepted else None,
                **fields,
            )
    except IntegrityError as exc:
        # Someone else proposed for this mentee at the same moment.
        raise ValidationError(_("This mentee already has a mentor or an open proposal.")) from exc
