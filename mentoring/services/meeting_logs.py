"""After a meeting: the mentor's contact log (also late, for a pairing that ended recently)
and the mentee's reflection."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.dates import LOGGED, TARGET, date_error, datetime_error
from accounts.models import User
from matching.models import Pairing

from ..models import ActionItem, ContactType, Meeting, MeetingFormat
from .meetings import MAX_DURATION, MIN_DURATION, meeting_locked, pairing_side

TOPIC_LIMIT = 12


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
        meeting = meeting_locked(meeting)
        pairing = meeting.pairing
    else:
        pairing = Pairing.objects.select_related("mentee__user", "mentor__user", "program").get(
            pk=pairing.pk
        )
    if pairing_side(pairing, by) != "mentor":
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
    for key, value in (("actual_start", actual_start), ("actual_end", actual_end)):
        if value is not None and (message := datetime_error(value, LOGGED)):
            raise ValidationError({key: [message]})
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
        if message := date_error(due, TARGET, today=timezone.localdate()):
            errors.setdefault("action_items", []).append(message)
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
    meeting = meeting_locked(meeting)
    if pairing_side(meeting.pairing, by) != "mentee":
        raise ValidationError(_("The mentee adds their reflection."))
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("You can reflect on a meeting once it has taken place."))
    if not text.strip():
        raise ValidationError({"text": [_("Write a few words first.")]})
    meeting.mentee_reflection = text.strip()[:4000]
    meeting.reflection_at = timezone.now()
    meeting.save(update_fields=["mentee_reflection", "reflection_at", "updated_at"])
    return meeting
