"""Reads for meetings and their action items, through mentoring.access."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import Membership
from matching.models import Pairing

from .. import access
from ..models import ActionItem, Meeting

PLANNED = (Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED)


def open_action_items(*, membership: Membership) -> list[ActionItem]:
    """Action items assigned to this person in their current pairings, for their home page."""
    return list(
        ActionItem.objects.filter(
            assignee=membership, done_at__isnull=True, pairing__status__in=Pairing.CURRENT
        )
        .select_related("meeting")
        .order_by("due_date", "pk")
    )


# A meeting stays in "upcoming" for a while after it starts, until it is logged.
UPCOMING_GRACE = timedelta(hours=2)


def upcoming_meetings(*, membership: Membership, limit: int = 5) -> list[Meeting]:
    field_name = "pairing__mentee" if membership.is_mentee else "pairing__mentor"
    return list(
        Meeting.objects.filter(
            **{field_name: membership},
            pairing__status__in=Pairing.CURRENT,
            status__in=[Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED],
            starts_at__gte=timezone.now() - UPCOMING_GRACE,
        )
        .select_related("pairing__mentee__user__profile", "pairing__mentor__user__profile")
        .order_by("starts_at")[:limit]
    )


def _mine(membership: Membership):
    other_side = "mentor" if membership.is_mentee else "mentee"
    return (
        access.meetings_visible_to(membership)
        # Only the other person: the list shows their name, and a page of 50 past meetings
        # built three more objects per row for the viewer's own membership, user and profile.
        .select_related(f"pairing__{other_side}__user__profile")
        # The list never shows these long texts; the meeting's own page does.
        .defer("narrative", "agenda", "pairing__reasons")
    )


def meetings_upcoming(*, membership: Membership, now: datetime) -> list[Meeting]:
    """The member's planned meetings still to come, soonest first."""
    return list(
        _mine(membership).filter(status__in=PLANNED, starts_at__gte=now).order_by("starts_at")
    )


def meetings_past(*, membership: Membership, now: datetime, limit: int) -> list[Meeting]:
    """Everything else (held, missed, cancelled, or planned and past), newest first."""
    return list(
        _mine(membership)
        .exclude(status__in=PLANNED, starts_at__gte=now)
        .order_by("-starts_at")[:limit]
    )


def late_documentation(*, mentor: Membership, now: datetime) -> list[dict]:
    """Pairings that ended recently: their mentor may still document contacts for a while."""
    days = mentor.program.setting("late_log_days")
    pairings = list(
        Pairing.objects.filter(
            mentor=mentor,
            status=Pairing.Status.ENDED,
            closed_at__gte=now - timedelta(days=days),
        ).select_related("mentee__user__profile")
    )
    if not pairings:
        return []
    unlogged: dict[int, list[Meeting]] = {}
    for meeting in Meeting.objects.filter(
        pairing__in=pairings, logged_at__isnull=True, status__in=PLANNED, starts_at__lt=now
    ).order_by("starts_at"):
        unlogged.setdefault(meeting.pairing_id, []).append(meeting)
    return [
        {
            "pairing": p,
            "name": p.mentee.user.display_name,
            "until": p.closed_at + timedelta(days=days),
            "meetings": unlogged.get(p.pk, []),
        }
        for p in pairings
    ]


def meetings_with_mentees(*, meetings: list[Meeting]) -> list[Meeting]:
    """The same meetings with their mentee's name loaded, by start (for overlap warnings)."""
    return list(
        Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        .select_related("pairing__mentee__user__profile")
        .order_by("starts_at")
    )


def meeting_action_items(*, meeting: Meeting) -> list[ActionItem]:
    return list(
        meeting.action_items.select_related("assignee__user__profile").order_by("due_date", "pk")
    )
