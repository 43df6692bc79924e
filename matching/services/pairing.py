"""The pairing lifecycle: proposed -> active (both accept) -> paused/ended, with declines,
withdrawals and expiry. Capacity and "one mentor per mentee" hold in the database: the
mentor's intake row is locked while a pairing takes their capacity, and partial unique
constraints guard the mentee side."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role

from .. import scoring
from ..models import DoNotPair, Intake, MatchingSettings, Pairing, PairingFeedback
from ..signals import pairing_ended
from .intake import intake_for, matching_settings_for


def reasons_as_data(reasons: list[scoring.Reason]) -> list[dict]:
    return [asdict(reason) | {"shared": list(reason.shared)} for reason in reasons]


def _lock_mentor_intake(mentor: Membership) -> Intake:
    intake_for(membership=mentor)
    return Intake.objects.select_for_update().get(membership=mentor)


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
) -> Pairing:
    """A coordinator proposes a pair; both people then accept (unless the program lets the
    coordinator's proposal stand for the mentee)."""
    if not by.is_coordinator or by.program_id != mentee.program_id:
        raise ValidationError(_("Only this program's coordinators can propose pairs."))
    settings_row = matching_settings_for(program=mentee.program)
    mentor_intake = _lock_mentor_intake(mentor)
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
    now = timezone.now()
    return _create_proposal(
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


@transaction.atomic
def pairing_request(*, mentee: Membership, mentor: Membership) -> Pairing:
    """Self-match: a mentee asks for one of their suggested mentors; the mentor accepts."""
    settings_row = matching_settings_for(program=mentee.program)
    if not settings_row.self_match_enabled:
        raise ValidationError(_("In this program, your coordinator pairs people."))
    mentor_intake = _lock_mentor_intake(mentor)
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
    return _create_proposal(
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


def _side(pairing: Pairing, by: Membership) -> str:
    if by.pk == pairing.mentee_id:
        return "mentee"
    if by.pk == pairing.mentor_id:
        return "mentor"
    if by.is_coordinator and by.program_id == pairing.program_id:
        return "coordinator"
    raise ValidationError(_("Only the two people in this pairing or a coordinator can do this."))


def _ensure_open_proposal(pairing: Pairing, now) -> None:
    if pairing.status == Pairing.Status.PROPOSED and pairing.expires_at <= now:
        pairing.status = Pairing.Status.EXPIRED
        pairing.closed_at = now
        pairing.save(update_fields=["status", "closed_at"])
    if pairing.status == Pairing.Status.EXPIRED:
        raise ValidationError(_("This proposal has expired. Your coordinator can make a new one."))
    if pairing.status in (Pairing.Status.WITHDRAWN, Pairing.Status.DECLINED):
        raise ValidationError(_("This proposal was withdrawn or declined."))
    if pairing.status != Pairing.Status.PROPOSED:
        raise ValidationError(_("This proposal has already been answered."))


def pairing_accept(*, pairing: Pairing, by: Membership) -> Pairing:
    """Accept a proposal. Expiry is recorded even when the acceptance is refused."""
    expired = False
    with transaction.atomic():
        pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
        side = _side(pairing, by)
        if side == "coordinator":
            raise ValidationError(_("The mentee and the mentor accept for themselves."))
        now = timezone.now()
        try:
            _ensure_open_proposal(pairing, now)
        except ValidationError:
            expired = pairing.status == Pairing.Status.EXPIRED
            if not expired:
                raise
    if expired:
        raise ValidationError(_("This proposal has expired. Your coordinator can make a new one."))
    return _accept_open(pairing_id=pairing.pk, side=side)


@transaction.atomic
def _accept_open(*, pairing_id: int, side: str) -> Pairing:
    now = timezone.now()
    pairing = Pairing.objects.select_for_update().select_related("mentor").get(pk=pairing_id)
    _ensure_open_proposal(pairing, now)
    if side == "mentee":
        pairing.mentee_accepted_at = pairing.mentee_accepted_at or now
    else:
        pairing.mentor_accepted_at = pairing.mentor_accepted_at or now
    fields = ["mentee_accepted_at", "mentor_accepted_at"]
    if pairing.mentee_accepted_at and pairing.mentor_accepted_at:
        # The mentor's intake row is the capacity lock: concurrent activations for the same
        # mentor queue here and each sees the others' committed pairings.
        mentor_intake = _lock_mentor_intake(pairing.mentor)
        current = Pairing.objects.filter(mentor_id=pairing.mentor_id, status__in=Pairing.CURRENT)
        if current.count() >= mentor_intake.capacity:
            raise ValidationError(
                _(
                    "This mentor has no room for another mentee right now. "
                    "Your coordinator will help."
                )
            )
        pairing.status = Pairing.Status.ACTIVE
        pairing.activated_at = now
        fields += ["status", "activated_at"]
    try:
        with transaction.atomic():
            pairing.save(update_fields=fields)
    except IntegrityError as exc:
        raise ValidationError(_("This mentee already has a mentor.")) from exc
    return pairing


@transaction.atomic
def pairing_decline(*, pairing: Pairing, by: Membership, reason: str = "") -> Pairing:
    """Decline a proposal; the mentee goes back to the waiting list."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    side = _side(pairing, by)
    if side == "coordinator":
        raise ValidationError(_("Coordinators withdraw a proposal instead."))
    _ensure_open_proposal(pairing, timezone.now())
    return _close(pairing, Pairing.Status.DECLINED, by, reason)


@transaction.atomic
def pairing_withdraw(*, pairing: Pairing, by: Membership, reason: str = "") -> Pairing:
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    if _side(pairing, by) != "coordinator" and not (
        pairing.source == Pairing.Source.MENTEE_REQUEST and by.pk == pairing.mentee_id
    ):
        raise ValidationError(_("Only a coordinator can withdraw this proposal."))
    _ensure_open_proposal(pairing, timezone.now())
    return _close(pairing, Pairing.Status.WITHDRAWN, by, reason)


@transaction.atomic
def pairing_pause(*, pairing: Pairing, by: Membership, reason: str = "") -> Pairing:
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    _side(pairing, by)
    if pairing.status != Pairing.Status.ACTIVE:
        raise ValidationError(_("Only an active pairing can be paused."))
    pairing.status = Pairing.Status.PAUSED
    pairing.paused_at = timezone.now()
    pairing.close_reason = reason[:500]
    pairing.save(update_fields=["status", "paused_at", "close_reason"])
    return pairing


@transaction.atomic
def pairing_resume(*, pairing: Pairing, by: Membership) -> Pairing:
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    _side(pairing, by)
    if pairing.status != Pairing.Status.PAUSED:
        raise ValidationError(_("Only a paused pairing can be resumed."))
    pairing.status = Pairing.Status.ACTIVE
    pairing.paused_at = None
    pairing.close_reason = ""
    pairing.save(update_fields=["status", "paused_at", "close_reason"])
    return pairing


@transaction.atomic
def pairing_end(
    *,
    pairing: Pairing,
    by: Membership,
    reason: str,
    rating: int | None = None,
    comment: str = "",
) -> Pairing:
    """End a pairing with a reason. The former mentor's access ends with this commit."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    _side(pairing, by)
    if pairing.status not in Pairing.CURRENT:
        raise ValidationError(_("Only an active or paused pairing can be ended."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say briefly why the pairing is ending.")]})
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Choose a rating from 1 to 5.")]})
    _close(pairing, Pairing.Status.ENDED, by, reason)
    pairing_ended.send(sender=Pairing, pairing=pairing, ended_by=by.user)
    if rating is not None:
        PairingFeedback.objects.create(
            pairing=pairing, author=by.user, rating=rating, comment=comment.strip()
        )
    return pairing


def _close(pairing: Pairing, status: str, by: Membership, reason: str) -> Pairing:
    pairing.status = status
    pairing.closed_at = timezone.now()
    pairing.closed_by = by.user
    pairing.close_reason = reason.strip()[:500]
    pairing.save(update_fields=["status", "closed_at", "closed_by", "close_reason"])
    return pairing


@transaction.atomic
def pairings_expire(*, now=None) -> int:
    """Mark proposals past their expiry (beat runs this; each row changes once)."""
    now = now or timezone.now()
    expired = Pairing.objects.filter(status=Pairing.Status.PROPOSED, expires_at__lte=now)
    return expired.update(status=Pairing.Status.EXPIRED, closed_at=now)
