"""Program events: coordinators schedule, cancel and record attendance; members answer."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.dates import PLANNED, datetime_error
from accounts.models import Membership

from ..models import Event, EventParticipant


def _event_errors(*, title, kind, starts_at, duration_minutes, capacity, now) -> dict:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the event a title.")]
    if kind not in Event.Kind.values:
        errors["kind"] = [_("Choose a kind of event.")]
    if starts_at <= now:
        errors["starts_at"] = [_("Choose a time in the future.")]
    elif message := datetime_error(starts_at, PLANNED):
        errors["starts_at"] = [message]
    if not 5 <= duration_minutes <= 720:
        errors["duration_minutes"] = [_("Between 5 minutes and 12 hours.")]
    if capacity is not None and capacity < 1:
        errors["capacity"] = [_("At least one place, or leave it empty.")]
    return errors


@transaction.atomic
def event_create(
    *,
    by: Membership,
    title: str,
    kind: str,
    starts_at: datetime,
    duration_minutes: int = 90,
    location: str = "",
    description: str = "",
    capacity: int | None = None,
    now: datetime | None = None,
) -> Event:
    """`now` is the moment of scheduling (the demo backdates events that already happened)."""
    if not by.is_coordinator:
        raise ValidationError(_("Coordinators schedule program events."))
    errors = _event_errors(
        title=title,
        kind=kind,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        capacity=capacity,
        now=now or timezone.now(),
    )
    if errors:
        raise ValidationError(errors)
    return Event.objects.create(
        program=by.program,
        kind=kind,
        title=title.strip()[:120],
        description=description.strip(),
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location.strip()[:300],
        capacity=capacity,
        created_by=by.user,
    )


@transaction.atomic
def event_cancel(*, event: Event, by: Membership) -> Event:
    if not by.is_coordinator or by.program_id != event.program_id:
        raise ValidationError(_("Coordinators cancel program events."))
    event.cancelled_at = timezone.now()
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "sequence"])
    return event


@transaction.atomic
def event_rsvp(
    *, event: Event, membership: Membership, rsvp: str, now: datetime | None = None
) -> EventParticipant:
    """Answer going / maybe / not going. A full event refuses new "going" answers; the
    event row is locked so two last-place answers cannot both get in. `now` is the moment of
    the answer (the demo backdates answers to events that already happened)."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if membership.program_id != event.program_id:
        raise ValidationError(_("This event is for another program."))
    if event.cancelled_at is not None or event.starts_at <= now:
        raise ValidationError(_("This event is no longer open for answers."))
    if rsvp not in EventParticipant.Rsvp.values:
        raise ValidationError(_("Choose going, maybe or not going."))
    participant, _created = EventParticipant.objects.get_or_create(
        event=event, membership=membership
    )
    if rsvp == EventParticipant.Rsvp.YES and participant.rsvp != rsvp and event.capacity:
        going = EventParticipant.objects.filter(event=event, rsvp=EventParticipant.Rsvp.YES)
        if going.count() >= event.capacity:
            raise ValidationError(_("This event is full."))
    participant.rsvp = rsvp
    participant.responded_at = now
    participant.save(update_fields=["rsvp", "responded_at"])
    return participant


@transaction.atomic
def event_record_attendance(*, event: Event, by: Membership, attended_ids: set[int]) -> int:
    """Record who came (members of the event's program only). Returns how many attended."""
    if not by.is_coordinator or by.program_id != event.program_id:
        raise ValidationError(_("Coordinators record attendance."))
    if event.cancelled_at is not None or event.starts_at > timezone.now():
        raise ValidationError(
            _(
                "Attendance can be recorded once the event has started, and not for a "
                "cancelled event."
            )
        )
    members = Membership.objects.filter(program_id=event.program_id, pk__in=attended_ids)
    valid = set(members.values_list("pk", flat=True))
    if valid != set(attended_ids):
        raise ValidationError(_("Attendance can only be recorded for this program's members."))
    for membership_id in valid:
        EventParticipant.objects.get_or_create(event=event, membership_id=membership_id)
    EventParticipant.objects.filter(event=event).update(attended=False)
    EventParticipant.objects.filter(event=event, membership_id__in=valid).update(attended=True)
    return len(valid)
