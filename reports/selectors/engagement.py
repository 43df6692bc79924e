"""The overview's figures about what people do: engagement over the last 30 days, retention
by start month and the weekly trends. Aggregated in the database, one query per figure."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Count, DurationField, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek

from accounts.models import Membership, Program, Role
from matching.models import Pairing
from mentoring.models import CheckIn, Event, Goal, Meeting

from ..periods import as_date, day_start, program_zone, week_start

ENGAGEMENT_DAYS = 30
CHECKIN_DAYS = 7
RETENTION_DAYS = (30, 60, 90)
RETENTION_MONTHS = 12
TREND_WEEKS = 12

HELD = Meeting.Status.HELD


def contact_minutes(seconds: timedelta | None, planned_minutes: int | None) -> int:
    """Logged times where the mentor gave them, the planned duration otherwise."""
    return int((seconds or timedelta()).total_seconds() // 60) + (planned_minutes or 0)


def contact_aggregates(prefix: str = "") -> dict:
    """Sum of a held meeting's logged duration: actual end minus start, or the planned
    minutes of a held meeting logged without times."""
    held = Q(**{f"{prefix}status": HELD})
    timed = Q(**{f"{prefix}actual_start__isnull": False, f"{prefix}actual_end__isnull": False})
    return {
        "logged": Sum(
            F(f"{prefix}actual_end") - F(f"{prefix}actual_start"),
            output_field=DurationField(),
            filter=held & timed,
        ),
        "planned": Sum(f"{prefix}duration_minutes", filter=held & ~timed),
    }


def checkin_share(*, program: Program, today: date) -> dict:
    recent = CheckIn.objects.filter(
        membership=OuterRef("pk"), date__gt=today - timedelta(days=CHECKIN_DAYS), date__lte=today
    )
    counts = (
        Membership.objects.filter(
            program=program, role=Role.MENTEE, status=Membership.Status.ACTIVE
        )
        # Exists straight in the filter: an annotation used only there is dropped from the
        # aggregate's subquery by Django 5.2, which then counts nothing.
        .aggregate(mentees=Count("id"), checked_in=Count("id", filter=Exists(recent)))
    )
    return {**counts, "percent": percent(counts["checked_in"], counts["mentees"])}


def meetings_last_days(*, program: Program, now: datetime, active_pairs: int) -> dict:
    counts = Meeting.objects.filter(
        pairing__program=program,
        starts_at__gte=now - timedelta(days=ENGAGEMENT_DAYS),
        starts_at__lt=now,
    ).aggregate(
        held=Count("id", filter=Q(status=HELD)),
        missed=Count("id", filter=Q(status=Meeting.Status.MISSED)),
        cancelled=Count("id", filter=Q(status=Meeting.Status.CANCELLED)),
        **contact_aggregates(),
    )
    minutes = contact_minutes(counts.pop("logged"), counts.pop("planned"))
    per_pair = {
        name: round(counts[name] / active_pairs, 1) if active_pairs else None
        for name in ("held", "missed", "cancelled")
    }
    return {**counts, "per_pair": per_pair, "contact_hours": round(minutes / 60, 1)}


def goals_achieved(*, program: Program, now: datetime) -> dict:
    return Goal.objects.filter(membership__program=program, status=Goal.Status.ACHIEVED).aggregate(
        all_time=Count("id"),
        recent=Count("id", filter=Q(achieved_at__gte=now - timedelta(days=ENGAGEMENT_DAYS))),
    )


def event_attendance(*, program: Program, since: datetime, until: datetime) -> dict:
    return Event.objects.filter(
        program=program, cancelled_at__isnull=True, starts_at__gte=since, starts_at__lt=until
    ).aggregate(
        events=Count("id", distinct=True),
        going=Count("participants", filter=Q(participants__rsvp="yes")),
        attended=Count("participants", filter=Q(participants__attended=True)),
        attendees=Count(
            "participants__membership", filter=Q(participants__attended=True), distinct=True
        ),
    )


def retention(*, program: Program, now: datetime, today: date) -> list[dict]:
    """Per start month: pairings started, and of those started at least N days ago, the share
    not ended within N days (paused counts as still going)."""
    month = today.month - (RETENTION_MONTHS - 1)
    first_month = date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    aggregates = {"started": Count("id")}
    for days in RETENTION_DAYS:
        old_enough = Q(activated_at__lte=now - timedelta(days=days))
        lasted = Q(closed_at__isnull=True) | Q(
            closed_at__gt=F("activated_at") + timedelta(days=days)
        )
        aggregates[f"eligible_{days}"] = Count("id", filter=old_enough)
        aggregates[f"lasted_{days}"] = Count("id", filter=old_enough & lasted)
    rows = (
        Pairing.objects.filter(
            program=program,
            activated_at__isnull=False,
            activated_at__gte=day_start(program, first_month),
        )
        .annotate(month=TruncMonth("activated_at", tzinfo=program_zone(program)))
        .values("month")
        .annotate(**aggregates)
        .order_by("month")
    )
    result = []
    for row in rows:
        shares = []
        for days in RETENTION_DAYS:
            eligible, lasted = row[f"eligible_{days}"], row[f"lasted_{days}"]
            shares.append(
                {
                    "days": days,
                    "eligible": eligible,
                    "lasted": lasted,
                    "percent": percent(lasted, eligible),
                }
            )
        result.append(
            {"month": as_date(row["month"], program), "started": row["started"], "shares": shares}
        )
    return result


def weekly_trends(*, program: Program, today: date) -> dict:
    """Check-ins, meetings held and pairings started per week (Monday first) over the last
    12 weeks, this week included; weeks without any show 0.

    Check-ins and meetings are counted per day in the database (an index range scan over
    `checkin_by_date` / `meeting_by_start`; grouping by week made PostgreSQL truncate every
    row and choose a scan of the whole table) and the at most 84 days summed into weeks here.
    COUNT(*), not COUNT(id): the id is not in those indexes, and counting it reads the table."""
    first = week_start(today) - timedelta(weeks=TREND_WEEKS - 1)
    weeks = [first + timedelta(weeks=n) for n in range(TREND_WEEKS)]
    zone = program_zone(program)
    since = day_start(program, first)
    checkins = (
        CheckIn.objects.filter(
            membership__in=Membership.objects.filter(program=program).values("pk"),
            date__gte=first,
        )
        .values("date")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("date", "n")
    )
    meetings = (
        Meeting.objects.filter(pairing__program=program, status=HELD, starts_at__gte=since)
        .annotate(day=TruncDate("starts_at", tzinfo=zone))
        .values("day")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("day", "n")
    )
    pairings = (
        Pairing.objects.filter(program=program, activated_at__gte=since)
        .annotate(week=TruncWeek("activated_at", tzinfo=zone))
        .values("week")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("week", "n")
    )
    series = {}
    for name, rows in (("checkins", checkins), ("meetings", meetings), ("pairings", pairings)):
        counts: dict[date, int] = {}
        for day, n in rows:
            week = week_start(as_date(day, program))
            counts[week] = counts.get(week, 0) + n
        series[name] = [(week, counts.get(week, 0)) for week in weeks]
    return series


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None
