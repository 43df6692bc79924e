"""Reads for the records a mentee shared by consent (the page `views.shared.shared_records`)
and what privacy asks of mentoring (`current_mentors_of`). Every list goes through
mentoring.access's `*_visible_to` with the reader's membership, so the consent is checked
again inside each query: revoked or expired, the same request lists nothing."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import Membership
from matching.models import Pairing
from privacy.models import Category

from .. import access
from ..models import Meeting

SHARED_CHECKINS_SHOWN = 60
SHARED_MEETINGS_SHOWN = 30


def current_mentors_of(mentee: Membership) -> QuerySet[Membership]:
    """The mentee's current mentors (active or paused pairing), for privacy's questions."""
    return Membership.objects.filter(
        pk__in=Pairing.objects.filter(mentee=mentee, status__in=Pairing.CURRENT).values("mentor_id")
    ).select_related("user__profile")


def shared_records(*, viewer: Membership, shared: access.SharedWith) -> dict:
    """The mentee's records of the kinds their consents cover, as `viewer` may read them."""
    mentee, categories = shared.mentee, shared.categories
    data: dict = {"categories": categories}
    if Category.CHECKINS in categories:
        data["checkins"] = list(
            access.checkins_visible_to(viewer)
            .filter(membership=mentee)
            .order_by("-date")[:SHARED_CHECKINS_SHOWN]
        )
    if Category.GOALS_HABITS in categories:
        data["goals"] = list(
            access.goals_visible_to(viewer)
            .filter(membership=mentee)
            .prefetch_related(
                Prefetch(
                    "milestones",
                    queryset=access.milestones_visible_to(viewer).order_by("position", "pk"),
                )
            )
            .order_by("status", "target_date", "pk")
        )
        data["habits"] = list(
            access.habits_visible_to(viewer)
            .filter(membership=mentee, archived_at__isnull=True)
            .order_by("pk")
        )
    if Category.RECOVERY in categories:
        # Dates only: a period's private note is never shown to anyone else.
        data["recovery_periods"] = list(
            access.recovery_periods_visible_to(viewer)
            .filter(membership=mentee)
            .only("started_on", "ended_on", "membership_id")
            .order_by("-started_on")
        )
    if Category.MEETINGS in categories:
        data["meetings"] = list(
            access.meetings_visible_to(viewer)
            .filter(pairing__mentee=mentee, status=Meeting.Status.HELD)
            .select_related("pairing__mentor__user__profile")
            .order_by("-starts_at")[:SHARED_MEETINGS_SHOWN]
        )
    return data
