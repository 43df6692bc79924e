"""The encouragement a mentee received: the latest for their home, all of it for their
history page, in a fixed number of queries whatever the number of notes."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Window

from accounts.models import Membership
from matching.models import Pairing

from .. import access
from ..models import Encouragement


def _received(membership: Membership) -> QuerySet[Encouragement]:
    return access.encouragements_visible_to(membership).filter(mentee=membership)


def latest_encouragement(*, membership: Membership) -> Encouragement | None:
    """The newest note, with `total`: how many the mentee received (one query)."""
    return (
        _received(membership)
        .select_related("author__profile")
        .annotate(total=Window(Count("pk")))
        .order_by("-created_at", "-pk")
        .first()
    )


def encouragement_history(*, membership: Membership) -> QuerySet[Encouragement]:
    """Every note the mentee received, newest first, from every mentor they had. Each row has
    `from_current_mentor` (False for a note from a mentor whose pairing ended) and, for a note
    on a check-in, `checkin_date` (the check-in's words are not loaded)."""
    current = Pairing.objects.filter(
        mentee=membership, mentor__user_id=OuterRef("author_id"), status__in=Pairing.CURRENT
    )
    return (
        _received(membership)
        .select_related("author__profile", "goal")
        .annotate(from_current_mentor=Exists(current), checkin_date=F("checkin__date"))
        .order_by("-created_at", "-pk")
    )
