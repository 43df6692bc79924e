"""Reads for a mentee's check-ins, as the viewer may see them (mentoring.access)."""

from __future__ import annotations

from datetime import timedelta

from accounts.models import Membership

from .. import access
from ..models import CheckIn
from ..services.time import local_today


def checkin_today(*, membership: Membership) -> CheckIn | None:
    return CheckIn.objects.filter(membership=membership, date=local_today(membership)).first()


def checkin_trend(*, membership: Membership, viewer: Membership, days: int) -> list[CheckIn]:
    today = local_today(membership)
    return list(
        access.checkins_visible_to(viewer)
        .filter(membership=membership, date__gt=today - timedelta(days=days), date__lte=today)
        .order_by("date")
        .only("date", "mood", "craving", "visibility")
    )


def checkins_recent(
    *, membership: Membership, viewer: Membership, limit: int = 30
) -> list[CheckIn]:
    return list(
        access.checkins_visible_to(viewer).filter(membership=membership).order_by("-date")[:limit]
    )
