"""The program's weekly summary for its coordinators: counts only, never names or words."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest

from accounts.models import Membership, Program, Role
from matching.models import Pairing

from ..models import CheckIn, Meeting

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
    # The latest logged meeting per pairing by index (pairing, status, starts_at), not a GROUP
    # BY over every meeting of the program: a year of weekly meetings is 78,000 rows at 1,500
    # pairs.
    last_logged = (
        Meeting.objects.filter(pairing=OuterRef("pk"), logged_at__isnull=False)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    return (
        Pairing.objects.filter(program=program, status=Pairing.Status.ACTIVE)
        .annotate(last_logged=Subquery(last_logged))
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
