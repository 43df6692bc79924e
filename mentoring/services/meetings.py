"""Meetings: propose, answer (confirm or another time), cancel, log, reflect; action items."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from matching.models import Pairing

from ..models import ActionItem, ContactType, Meeting, MeetingFormat

MIN_DURATION, MAX_DURATION = 5, 480
TOPIC_LIMIT = 12


def _side(pairing: Pairing, user: User) -> str:
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
    _side(pairing, by)
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
    return meeting, overlaps


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("pairing__mentee__user", "pairing__mentor__user")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_confirm(*, meeting: Meeting, by: User) -> Meeting:
    meeting = _locked(meeting)
    _side(meeting.pairing, by)
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
    meeting = _locked(meeting)
    _side(meeting.pairing, by)
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
    return meeting, overlaps


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    meeting = _locked(meeting)
    _side(meeting.pairing, by)
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
    return meeting


def can_still_log(pairing: Pairing) -> bool:
    if pairing.status in Pairing.CURRENT:
        return True
    if pairing.status != Pairing.Status.ENDED or pairing.closed_at is None:
        return False
    late_days = pairing.program.setting("late_log_days")
    return timezone.now() <= pairing.closed_at + timedelta(days=late_days)


@transaction.atomic
def meeting_log(
    *,
    by: User,
    outcome: str,
    meeting: Meeting | None = None,
    pairing: Pairing | None = None,
    actual_start: datetime | None = None,
    actual_end: datetime | None = None,
    setting: str = "",
    contact_type: str = "",
    topics: list[str] | None = None,
    narrative: str = "",
    action_items: list[dict] | None = None,
) -> Meeting:
    """The mentor documents a contact: held (with times, setting, type, narrative and next
    steps), missed or cancelled. A past meeting that was never scheduled can be logged too
    (pass `pairing`). A pairing that ended can be documented for `late_log_days` more."""
    if meeting is not None:
        meeting = _locked(meeting)
        pairing = meeting.pairing
    else:
        pairing = Pairing.objects.select_related("mentee__user", "mentor__user", "program").get(
            pk=pairing.pk
        )
    if _side(pairing, by) != "mentor":
        raise ValidationError(_("The mentor logs meetings; you can add your reflection."))
    if not can_still_log(pairing):
        raise ValidationError(
            _("This pairing ended more than %(days)s days ago: it can no longer be logged.")
            % {"days": pairing.program.setting("late_log_days")}
        )
    if outcome not in (Meeting.Status.HELD, Meeting.Status.MISSED, Meeting.Status.CANCELLED):
        raise ValidationError({"outcome": [_("Choose held, missed or cancelled.")]})
    errors: dict[str, list[str]] = {}
    now = timezone.now()
    if outcome == Meeting.Status.HELD:
        if actual_start is None or actual_end is None:
            errors["actual_start"] = [_("Give the start and end of the meeting.")]
        elif actual_end <= actual_start:
            errors["actual_end"] = [_("The end must be after the start.")]
        elif actual_start > now:
            errors["actual_start"] = [_("A meeting can be logged once it has happened.")]
        elif actual_end - actual_start > timedelta(minutes=MAX_DURATION):
            errors["actual_end"] = [_("A meeting lasts at most 8 hours.")]
        if setting not in MeetingFormat.values:
            errors["setting"] = [_("Choose in person, phone or video.")]
        if contact_type not in ContactType.values:
            errors["contact_type"] = [_("Choose the type of contact.")]
        if not narrative.strip():
            errors["narrative"] = [
                _("Write a short narrative with the person: what you did and the next step.")
            ]
    items = []
    for item in action_items or []:
        title = (item.get("title") or "").strip()
        if not title:
            continue
        assignee = item.get("assignee")
        if assignee not in ("mentee", "mentor"):
            errors.setdefault("action_items", []).append(
                _("An action item is for the mentee or the mentor of this pairing.")
            )
            continue
        due = item.get("due_date")
        if due is not None and not isinstance(due, date):
            errors.setdefault("action_items", []).append(_("Enter a valid due date."))
            continue
        items.append(
            ActionItem(
                pairing=pairing,
                assignee=pairing.mentee if assignee == "mentee" else pairing.mentor,
                title=title[:200],
                due_date=due,
                created_by=by,
            )
        )
    if errors:
        raise ValidationError(errors)
    if meeting is None:
        if actual_start is None:
            raise ValidationError({"actual_start": [_("Give the date and time of the contact.")]})
        meeting = Meeting(
            pairing=pairing,
            proposed_by=by,
            starts_at=actual_start,
            duration_minutes=max(
                MIN_DURATION,
                min(
                    MAX_DURATION,
                    int(((actual_end or actual_start) - actual_start).total_seconds() // 60),
                ),
            ),
            format=setting or MeetingFormat.IN_PERSON,
        )
    meeting.status = outcome
    meeting.actual_start = actual_start if outcome == Meeting.Status.HELD else None
    meeting.actual_end = actual_end if outcome == Meeting.Status.HELD else None
    meeting.setting = setting if outcome == Meeting.Status.HELD else ""
    meeting.contact_type = contact_type if outcome == Meeting.Status.HELD else ""
    meeting.topics = _clean_topics(topics)
    meeting.narrative = narrative.strip()[:4000]
    meeting.logged_at = now
    meeting.logged_by = by
    meeting.awaiting = None
    meeting.sequence += 1
    meeting.save()
    for item in items:
        item.meeting = meeting
    ActionItem.objects.bulk_create(items)
    return meeting


def _clean_topics(topics) -> list[str]:
    clean: list[str] = []
    for topic in topics or []:
        tag = " ".join(str(topic).split()).lower()[:40]
        if tag and tag not in clean:
            clean.append(tag)
    return clean[:TOPIC_LIMIT]


@transaction.atomic
def meeting_reflect(*, meeting: Meeting, by: User, text: str) -> Meeting:
    meeting = _locked(meeting)
    if _side(meeting.pairing, by) != "mentee":
        raise ValidationError(_("The mentee adds their reflection."))
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("You can reflect on a meeting once it has taken place."))
    if not text.strip():
        raise ValidationError({"text": [_("Write a few words first.")]})
    meeting.mentee_reflection = text.strip()[:4000]
    meeting.reflection_at = timezone.now()
    meeting.save(update_fields=["mentee_reflection", "reflection_at", "updated_at"])
    return meeting


@transaction.atomic
def action_item_add(
    *, pairing: Pairing, by: User, title: str, assignee: Membership, due_date: date | None = None
) -> ActionItem:
    pairing = Pairing.objects.select_related("mentee__user", "mentor__user").get(pk=pairing.pk)
    _side(pairing, by)
    if assignee.pk not in (pairing.mentee_id, pairing.mentor_id):
        raise ValidationError(
            {"assignee": [_("An action item is for the mentee or the mentor of this pairing.")]}
        )
    if pairing.status not in Pairing.CURRENT:
        raise ValidationError(_("This pairing has ended."))
    if not title.strip():
        raise ValidationError({"title": [_("Describe the next step.")]})
    return ActionItem.objects.create(
        pairing=pairing,
        assignee=assignee,
        title=title.strip()[:200],
        due_date=due_date,
        created_by=by,
    )


@transaction.atomic
def action_item_set_done(*, item: ActionItem, by: User, done: bool) -> ActionItem:
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("assignee", "pairing__mentee", "pairing__mentor")
        .get(pk=item.pk)
    )
    _side(item.pairing, by)
    if item.assignee.user_id != by.pk:
        raise ValidationError(_("Only the person it is assigned to checks it off."))
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    return item


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
