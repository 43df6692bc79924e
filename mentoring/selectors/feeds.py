"""Reads for the private calendar feed: a person's meetings of current pairings and the events
they answered going or maybe to, in every program they belong to. Three queries in all."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from accounts.models import Membership, User
from matching.models import Pairing

from ..models import CalendarFeed, Event, EventParticipant, Meeting


def calendar_feed_of(*, user: User) -> CalendarFeed | None:
    """The person's feed, if they made one (its URL cannot be shown again)."""
    return CalendarFeed.objects.filter(user=user).first()


def feed_meetings(*, user: User, cutoff: datetime) -> QuerySet[Meeting]:
    """Meetings of the person's current pairings, on either side; cancelled ones stay until
    `cutoff` so that subscribed calendars see the cancellation."""
    # Only while the person is still a member on their side of the pairing.
    member = Membership.Status.ACTIVE, Membership.Status.PAUSED
    return (
        Meeting.objects.filter(
            Q(pairing__mentee__user=user, pairing__mentee__status__in=member)
            | Q(pairing__mentor__user=user, pairing__mentor__status__in=member)
        )
        .filter(pairing__status__in=Pairing.CURRENT)
        .exclude(status=Meeting.Status.CANCELLED, starts_at__lt=cutoff)
        .select_related(
            "pairing__program",
            "pairing__mentee__user__profile",
            "pairing__mentor__user__profile",
        )
        .order_by("starts_at")
    )


def feed_events(*, user: User, cutoff: datetime) -> QuerySet[Event]:
    going = EventParticipant.objects.filter(
        membership__user=user,
        rsvp__in=[EventParticipant.Rsvp.YES, EventParticipant.Rsvp.MAYBE],
    ).values("event_id")
    return (
        Event.objects.filter(pk__in=going)
        .exclude(Q(cancelled_at__isnull=False) & Q(starts_at__lt=cutoff))
        .select_related("program")
        .order_by("starts_at")
    )
