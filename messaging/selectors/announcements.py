"""Reads of announcements.

- `announcement_audience(program, audience, cohort_start)`: the memberships an announcement
  goes to, as one query (no loop over people).
- `announcements_for_home(membership)`: what the person has not dismissed, newest first, at
  most 5, in one query.
- `announcement_get_for_recipient(membership, announcement_id)`: 404 unless the person is a
  recipient (the dismiss button's door).
- `announcements_posted(program, page)`: the coordinators' list, each with its recipient and
  dismissed counts computed in the database, a page at a time.
"""

from __future__ import annotations

from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import Membership, Program, Role
from matching.models import Pairing

from ..models import Announcement, AnnouncementRecipient

HOME_LIMIT = 5
POSTED_PER_PAGE = 20


def _count(queryset: QuerySet, group_by: str) -> Coalesce:
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), Value(0), output_field=IntegerField())


def announcement_audience(
    *, program: Program, audience: str, cohort_start: datetime | None = None
) -> QuerySet[Membership]:
    """Active members of the program the audience names.

    Mentees paired before a date: their current (active or paused) pairing was activated
    before `cohort_start`. Mentors with room: fewer current pairings than the capacity on
    their intake (a mentor who has not stated a capacity is left out)."""
    members = Membership.objects.filter(program=program, status=Membership.Status.ACTIVE)
    Audience = Announcement.Audience
    if audience == Audience.EVERYONE:
        return members
    if audience == Audience.MENTEES:
        return members.filter(role=Role.MENTEE)
    if audience == Audience.MENTORS:
        return members.filter(role=Role.MENTOR)
    if audience == Audience.MENTEES_PAIRED_BEFORE:
        if cohort_start is None:
            raise ValueError("the cohort audience needs its start")
        paired_before = Pairing.objects.filter(
            mentee=OuterRef("pk"),
            status__in=Pairing.CURRENT,
            activated_at__lt=cohort_start,
        )
        return members.filter(role=Role.MENTEE).filter(Exists(paired_before))
    if audience == Audience.MENTORS_WITH_CAPACITY:
        current = Pairing.objects.filter(mentor=OuterRef("pk"), status__in=Pairing.CURRENT)
        return (
            members.filter(role=Role.MENTOR, intake__isnull=False)
            .annotate(current_count=_count(current, "mentor"))
            .filter(current_count__lt=F("intake__capacity"))
        )
    raise ValueError(f"unknown audience {audience!r}")


def announcements_for_home(membership: Membership) -> list[Announcement]:
    rows = (
        AnnouncementRecipient.objects.filter(membership=membership, dismissed_at__isnull=True)
        .select_related("announcement")
        .order_by("-announcement__created_at", "-announcement_id")[:HOME_LIMIT]
    )
    return [row.announcement for row in rows]


def announcement_get_for_recipient(*, membership: Membership, announcement_id: int) -> Announcement:
    announcement = Announcement.objects.filter(
        pk=announcement_id,
        program_id=membership.program_id,
        recipients__membership=membership,
    ).first()
    if announcement is None:
        raise Http404
    return announcement


def announcements_posted(*, program: Program, page: str | int | None = None) -> Page:
    recipients = AnnouncementRecipient.objects.filter(announcement=OuterRef("pk"))
    announcements = (
        Announcement.objects.filter(program=program)
        .select_related("author__user__profile")
        .annotate(
            recipient_count=_count(recipients, "announcement"),
            dismissed_count=_count(recipients.filter(dismissed_at__isnull=False), "announcement"),
        )
        .order_by("-created_at", "-id")
    )
    return Paginator(announcements, POSTED_PER_PAGE).get_page(page)
