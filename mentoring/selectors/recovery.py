"""Reads for recovery time: the counter, its milestones and the earlier periods."""

from __future__ import annotations

from accounts.models import Membership

from ..models import RecoveryPeriod, RecoverySettings
from ..services.time import local_today

RECOVERY_MILESTONE_DAYS = [30, 60, 90, 180, 365]


def recovery_summary(*, membership: Membership) -> dict:
    """Current and earlier periods, longest and total, next milestone (two queries)."""
    today = local_today(membership)
    # A read never writes: without a saved row the defaults apply (an unsaved row).
    settings_row = RecoverySettings.objects.filter(membership=membership).first()
    settings_row = settings_row or RecoverySettings(membership=membership)
    periods = list(RecoveryPeriod.objects.filter(membership=membership).order_by("-started_on"))
    current = next((p for p in periods if p.ended_on is None), None)

    def length(period: RecoveryPeriod) -> int:
        return ((period.ended_on or today) - period.started_on).days

    current_days = length(current) if current else None
    lengths = [length(p) for p in periods]
    milestones = RECOVERY_MILESTONE_DAYS + [365 * years for years in range(2, 61)]
    reached = [d for d in milestones if current_days is not None and current_days >= d]
    upcoming = next((d for d in milestones if current_days is None or current_days < d), None)
    return {
        "settings": settings_row,
        "current": current,
        "current_days": current_days,
        "earlier": [p for p in periods if p.ended_on is not None],
        "longest_days": max(lengths) if lengths else None,
        "total_days": sum(lengths) if lengths else None,
        "milestone_reached": reached[-1] if reached else None,
        "next_milestone": upcoming,
        "days_to_next": upcoming - current_days if upcoming and current_days is not None else None,
    }


def recovery_shared_with_mentor(*, mentee: Membership) -> bool:
    """Whether the mentee chose to show their recovery time to their mentor."""
    return RecoverySettings.objects.filter(membership=mentee, share_with_mentor=True).exists()
