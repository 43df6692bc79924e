"""The pairing lifecycle after a proposal: accepted by both -> active -> paused/ended, with
declines, withdrawals and expiry. The mentor's intake row is the capacity lock."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership

from ..models import Pairing, PairingFeedback
from ..signals import pairing_ended
from .intake import lock_mentor_intake
from .notify import answer_notify


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


def pairing_accept(*, pairing: Pairing, by: Membership, now=None) -> Pairing:
    """Accept a proposal. Expiry is recorded even when the acceptance is refused. `now` is
    the moment of the answer (the demo backdates pairings that started weeks ago)."""
    expired = False
    with transaction.atomic():
        pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
        side = _side(pairing, by)
        if side == "coordinator":
            raise ValidationError(_("The mentee and the mentor accept for themselves."))
        now = now or timezone.now()
        try:
            _ensure_open_proposal(pairing, now)
        except ValidationError:
            expired = pairing.status == Pairing.Status.EXPIRED
            if not expired:
                raise
    if expired:
        raise ValidationError(_("This proposal has expired. Your coordinator can make a new one."))
    return _accept_open(pairing_id=pairing.pk, side=side, by=by, now=now)


@transaction.atomic
def _accept_open(*, pairing_id: int, side: str, by: Membership, now) -> Pairing:
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
        mentor_intake = lock_mentor_intake(pairing.mentor)
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
    answer_notify(
        pairing=pairing, kind="pairing_accepted", by=by, key=f"pairing_accepted:{pairing.pk}:{side}"
    )
    return pairing


@transaction.atomic
def pairing_decline(*, pairing: Pairing, by: Membership, reason: str = "") -> Pairing:
    """Decline a proposal; the mentee goes back to the waiting list."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    side = _side(pairing, by)
    if side == "coordinator":
        raise ValidationError(_("Coordinators withdraw a proposal instead."))
    _ensure_open_proposal(pairing, timezone.now())
    _close(pairing, Pairing.Status.DECLINED, by, reason)
    answer_notify(
        pairing=pairing, kind="pairing_declined", by=by, key=f"pairing_declined:{pairing.pk}"
    )
    return pairing


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
