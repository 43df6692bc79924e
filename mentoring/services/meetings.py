"""Planning meetings between a mentee and their mentor: propose, confirm, propose another time,
cancel; planned meetings are cancelled when a pairing ends."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.dates import PLANNED, datetime_error
from accounts.models import Membership, User
from matching.models import Pairing

from ..models import Meeting, MeetingFormat
from .notify import meeting_notify

MIN_DURATION, MAX_DURATION = 5, 480


def pairing_side(pairing: Pairing, user: User) -> str:
    if pairing.mentee.user_id == user.pk:
        return "mentee"
    if pairing.mentor.user_id == user.pk:
        return "mentor"
    raise ValidationError(_("Only the two people in this pairing can do this."))


def _other_user(pairing: Pairing, user: User) -> User:
    return pairing.mentor.user if pairing.mentee.user_id == user.pk else pairing.mentee.user


def _require_current(pairing: Pairing) -> None:
    if pairing.status not in Pairing.CURRENT:
        raise ValidationError(_("Meetings can be planned only in a current pairing."))


def _validate_slot(*, starts_at: datetime, duration_minutes: int, fmt: str, errors: dict):
    if starts_at <= timezone.now():
        errors.setdefault("starts_at", []).append(
            _("Choose a time in the future. To record a past meeting, log it instead.")
        )
    elif message := datetime_error(starts_at, PLANNED):
        errors.setdefault("starts_at", []).append(message)
    if not MIN_DURATION <= duration_minutes <= MAX_DURATION:
        errors.setdefault("duration_minutes", []).append(
            _("A meeting lasts between 5 minutes and 8 hours.")
        )
    if fmt not in MeetingFormat.values:
        errors.setdefault("format", []).append(_("Choose in person, phone or video."))


def overlapping_meetings(
    *, mentor: Membership, starts_at: datetime, duration_minutes: int, exclude_id=None
) -> list[Meeting]:
    """The mentor's other planned meetings that overlap this slot (a warning, not a refusal:
    a mentor may run back-to-back or group meetings)."""
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    candidates = Meeting.objects.filter(
        pairing__mentor__user_id=mentor.user_id,
        status__in=[Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED],
        starts_at__lt=ends_at,
        starts_at__gt=starts_at - timedelta(minutes=MAX_DURATION),
    ).exclude(pk=exclude_id)
    return [
        m for m in candidates if m.starts_at + timedelta(minutes=m.duration_minutes) > starts_at
    ]


@transaction.atomic
def meeting_propose(
    *,
    pairing: Pairing,
    by: User,
    starts_at: datetime,
    duration_minutes: int = 60,
    format: str = MeetingFormat.IN_PERSON,
    location: str = "",
    agenda: str = "",
) -> tuple[Meeting, list[Meeting]]:
    """Either person proposes; the other confirms or proposes another time.

    Returns the meeting and the mentor's overlapping meetings (to warn about)."""
    pairing = Pairing.objects.select_related("mentee__user", "mentor__user").get(pk=pairing.pk)
    pairing_side(pairing, by)
    _require_current(pairing)
    errors: dict[str, list[str]] = {}
    _validate_slot(
        starts_at=starts_at, duration_minutes=duration_minutes, fmt=format, errors=errors
    )
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        pairing=pairing,
        proposed_by=by,
        awaiting=_other_user(pairing, by),
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        format=format,
        location=location.strip()[:300],
        agenda=agenda.strip()[:2000],
    )
    overlaps = overlapping_meetings(
        mentor=pairing.mentor,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        exclude_id=meeting.pk,
    )
    meeting_notify(meeting=meeting, kind="meeting_proposed", by=by)
    return meeting, overlaps


def meeting_locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("pairing__mentee__user", "pairing__mentor__user")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_confirm(*, meeting: Meeting, by: User) -> Meeting:
    meeting = meeting_locked(meeting)
    pairing_side(meeting.pairing, by)
    _require_current(meeting.pairing)
    if meeting.status != Meeting.Status.PROPOSED:
        raise ValidationError(_("This meeting is not waiting for an answer."))
    if meeting.awaiting_id != by.pk:
        raise ValidationError(_("The other person answers this proposal."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("This time has passed. Propose another time instead."))
    meeting.status = Meeting.Status.CONFIRMED
    meeting.confirmed_at = timezone.now()
    meeting.awaiting = None
    meeting.sequence += 1
    meeting.save()
    meeting_notify(meeting=meeting, kind="meeting_confirmed", by=by)
    return meeting


@transaction.atomic
def meeting_propose_other_time(
    *,
    meeting: Meeting,
    by: User,
    starts_at: datetime,
    duration_minutes: int | None = None,
    format: str | None = None,
    location: str | None = None,
) -> tuple[Meeting, list[Meeting]]:
    meeting = meeting_locked(meeting)
    pairing_side(meeting.pairing, by)
    _require_current(meeting.pairing)
    if meeting.status not in (Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED):
        raise ValidationError(_("This meeting was cancelled or has taken place."))
    duration_minutes = duration_minutes or meeting.duration_minutes
    format = format or meeting.format
    errors: dict[str, list[str]] = {}
    _validate_slot(
        starts_at=starts_at, duration_minutes=duration_minutes, fmt=format, errors=errors
    )
    if errors:
        raise ValidationError(errors)
    meeting.starts_at = starts_at
    meeting.duration_minutes = duration_minutes
    meeting.format = format
    if location is not None:
        meeting.location = location.strip()[:300]
    meeting.status = Meeting.Status.PROPOSED
    meeting.proposed_by = by
    meeting.awaiting = _other_user(meeting.pairing, by)
    meeting.confirmed_at = None
    meeting.sequence += 1
    meeting.save()
    overlaps = overlapping_meetings(
        mentor=meeting.pairing.mentor,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        exclude_id=meeting.pk,
    )
    meeting_notify(meeting=meeting, kind="meeting_moved", by=by)
    return meeting, overlaps


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    meeting = meeting_locked(meeting)
    pairing_side(meeting.pairing, by)
    if meeting.status not in (Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED):
        raise ValidationError(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say briefly why, so the other person knows.")]})
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.cancelled_by = by
    meeting.cancel_reason = reason.strip()[:500]
    meeting.awaiting = None
    meeting.sequence += 1
    meeting.save()
    meeting_notify(meeting=meeting, kind="meeting_cancelled", by=by)
    return meeting


def cancel_planned_meetings(*, pairing: Pairing, ended_by: User, **_signal_kwargs) -> int:
    """When a pairing ends its planned meetings are cancelled, so calendars drop them (the
    SEQUENCE grows). Receiver of matching.signals.pairing_ended, inside its transaction."""
    return Meeting.objects.filter(
        pairing=pairing,
        status__in=[Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED],
        starts_at__gt=timezone.now(),
    ).update(
        status=Meeting.Status.CANCELLED,
        cancelled_at=timezone.now(),
        cancelled_by=ended_by,
        cancel_reason=_("The pairing ended."),
        awaiting=None,
        sequence=F("sequence") + 1,
    )
