"""The program's weekly summary for its coordinators: counts only, never names or words."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest

from accounts.models import Membership, Program, Role
from matching.models import Pairing

from ..models import CheckIn

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class WeeklySummary:
    waiting: int
    new_pairings: int
    ended_pairings: int
    stalled_pairs: int
    unanswered_outreach: int


def stalled_pairings(*, program: Program, now: datetime):
    """Active pairings with no meeting logged (or started) for the program's threshold."""
    cutoff = now - timedelta(days=program.setting("flag_no_meeting_days"))
    return (
        Pairing.objects.filter(program=program, status=Pairing.Status.ACTIVE)
        .annotate(
            last_logged=Max("meetings__starts_at", filter=Q(meetings__logged_at__isnull=False))
        )
        .annotate(
            quiet_since=Greatest(
                Coalesce("last_logged", "activated_at", "proposed_at"),
                Coalesce("activated_at", "proposed_at"),
            )
        )
        .filter(quiet_since__lte=cutoff)
    )


def program_weekly_summary(*, program: Program, now: datetime) -> WeeklySummary:
    """Four queries, whatever the size of the program."""
    week_ago = now - WEEK
    waiting = (
        Membership.objects.filter(
            program=program, role=Role.MENTEE, status=Membership.Status.ACTIVE
        )
        .exclude(Exists(Pairing.objects.filter(mentee=OuterRef("pk"), status__in=Pairing.OPEN)))
        .count()
    )
    pairings = Pairing.objects.filter(program=program).aggregate(
        new=Count("pk", filter=Q(activated_at__gte=week_ago, activated_at__lt=now)),
        ended=Count(
            "pk",
            filter=Q(status=Pairing.Status.ENDED, closed_at__gte=week_ago, closed_at__lt=now),
        ),
    )
    unanswered = CheckIn.objects.filter(
        membership__program=program,
        membership__status=Membership.Status.ACTIVE,
        wants_outreach=True,
        outreach_handled_at=None,
    ).count()
    return WeeklySummary(
        waiting=waiting,
        new_pairings=pairings["new"],
        ended_pairings=pairings["ended"],
        stalled_pairs=stalled_pairings(program=program, now=now).count(),
        unanswered_outreach=unanswered,
    )
