"""Reads for program events, each in a fixed number of queries whatever the number of events
or answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.models import Membership, Program, Role

from .. import access
from ..models import Event, EventParticipant


def _events_for(membership: Membership):
    my_answer = EventParticipant.objects.filter(event=OuterRef("pk"), membership=membership)
    queryset = (
        access.events_visible_to(membership)
        .select_related("program")
        .annotate(
            my_rsvp=Subquery(my_answer.values("rsvp")[:1]),
            going_count=Count(
                "participants", filter=Q(participants__rsvp=EventParticipant.Rsvp.YES)
            ),
            maybe_count=Count(
                "participants", filter=Q(participants__rsvp=EventParticipant.Rsvp.MAYBE)
            ),
            attended_count=Count("participants", filter=Q(participants__attended=True)),
        )
    )
    return queryset


def _decorate(events: list[Event], now: datetime) -> list[Event]:
    labels = dict(EventParticipant.Rsvp.choices)
    for event in events:
        event.my_rsvp = event.my_rsvp or ""
        event.my_rsvp_label = labels.get(event.my_rsvp, "")
        event.is_cancelled = event.cancelled_at is not None
        event.is_full = bool(event.capacity) and event.going_count >= event.capacity
        event.places_left = max(event.capacity - event.going_count, 0) if event.capacity else None
        event.has_started = event.starts_at <= now
        event.is_open = not event.is_cancelled and not event.has_started
    return events


def upcoming_events(
    *, membership: Membership, limit: int | None = None, include_cancelled: bool = True
) -> list[Event]:
    """The program's events still to come, soonest first, each with the viewer's answer
    (`my_rsvp`: "yes", "maybe", "no" or ""), the number going and whether it is full. One
    query."""
    now = timezone.now()
    queryset = _events_for(membership).filter(starts_at__gt=now)
    if not include_cancelled:
        queryset = queryset.filter(cancelled_at__isnull=True)
    queryset = queryset.order_by("starts_at", "pk")
    if limit:
        queryset = queryset[:limit]
    return _decorate(list(queryset), now)


def past_events(*, membership: Membership, limit: int = 20) -> list[Event]:
    now = timezone.now()
    queryset = _events_for(membership).filter(starts_at__lte=now).order_by("-starts_at", "-pk")
    return _decorate(list(queryset[:limit]), now)


def event_with_counts(*, membership: Membership, event_id: int) -> Event:
    """One event of the member's program with the same figures as the lists (404 otherwise)."""
    event = access.event_get_for_member(membership=membership, event_id=event_id)
    event = _events_for(membership).get(pk=event.pk)
    return _decorate([event], timezone.now())[0]


@dataclass
class AttendanceRow:
    membership: Membership
    rsvp: str
    rsvp_label: str
    attended: bool


def event_attendance(*, event: Event) -> list[AttendanceRow]:
    """The checklist for recording attendance: the program's active members (and anyone
    already recorded or who answered, even if they have left since), with their answer."""
    participants = {p.membership_id: p for p in EventParticipant.objects.filter(event=event)}
    members = (
        Membership.objects.filter(program_id=event.program_id)
        .filter(Q(status=Membership.Status.ACTIVE) | Q(pk__in=list(participants)))
        .select_related("user__profile")
    )
    labels = dict(EventParticipant.Rsvp.choices)
    role_order = {Role.MENTEE: 0, Role.MENTOR: 1, Role.COORDINATOR: 2}
    rows = []
    for member in members:
        participant = participants.get(member.pk)
        rsvp = participant.rsvp if participant else ""
        rows.append(
            AttendanceRow(
                membership=member,
                rsvp=rsvp,
                rsvp_label=labels.get(rsvp, ""),
                attended=bool(participant and participant.attended),
            )
        )
    rows.sort(
        key=lambda row: (
            role_order.get(row.membership.role, 3),
            row.membership.user.display_name.casefold(),
        )
    )
    return rows


def engagement_counts(*, program: Program, since: datetime | None = None) -> dict[int, int]:
    """Program events each membership attended (cancelled events never count), by membership
    id; every membership of the program is in the result, with 0 when it attended none."""
    attended = Q(
        event_participations__attended=True,
        event_participations__event__program=program,
        event_participations__event__cancelled_at__isnull=True,
    )
    if since is not None:
        attended &= Q(event_participations__event__starts_at__gte=since)
    rows = (
        Membership.objects.filter(program=program)
        .annotate(attended_events=Count("event_participations", filter=attended))
        .values_list("pk", "attended_events")
    )
    return dict(rows)
