"""The mentor's dashboard: each current mentee's row with what needs attention first.

Only what the mentee shares feeds these: private goals, check-ins and the journal never do,
and nothing here reveals that a private item exists. A fixed number of queries whatever the
number of mentees or the years of data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.models import Membership
from matching.models import Pairing

from ..models import CheckIn, Goal, HabitLog, Meeting, RecoveryPeriod, Visibility
from ..services.habits import week_start
from ..services.time import local_date, local_today

FLAG_OUTREACH = "outreach"


FLAG_NO_CHECKIN = "no_checkin"


FLAG_MOOD_DOWN = "mood_down"


FLAG_RETURN_TO_USE = "return_to_use"


FLAG_NO_MEETING = "no_meeting"


# Most urgent first: the dashboard sorts on this.
FLAG_ORDER = [FLAG_OUTREACH, FLAG_RETURN_TO_USE, FLAG_MOOD_DOWN, FLAG_NO_CHECKIN, FLAG_NO_MEETING]


@dataclass
class MenteeRow:
    pairing: Pairing
    mentee: Membership
    today: date
    last_checkin: date | None = None
    moods: list[tuple[date, int]] = field(default_factory=list)  # last 14 days, shared
    outreach_checkins: list[int] = field(default_factory=list)
    habits_done_this_week: int = 0
    goal_progress: int | None = None
    goals_active: int = 0
    next_meeting: Meeting | None = None
    last_logged_meeting: date | None = None
    return_to_use_on: date | None = None
    flags: list[str] = field(default_factory=list)
    mood_drop: float = 0.0

    @property
    def days_since_checkin(self) -> int | None:
        return (self.today - self.last_checkin).days if self.last_checkin else None

    @property
    def attention_key(self) -> tuple:
        ranks = sorted(FLAG_ORDER.index(flag) for flag in self.flags) or [len(FLAG_ORDER)]
        return (ranks[0], -len(self.flags), -(self.days_since_checkin or 0))


def _mood_drop(moods: list[tuple[date, int]], today: date) -> float:
    """Average mood of the last 7 days against the 7 days before (positive = lower now)."""
    recent = [m for d, m in moods if d > today - timedelta(days=7)]
    before = [m for d, m in moods if today - timedelta(days=14) < d <= today - timedelta(days=7)]
    if not recent or not before:
        return 0.0
    return sum(before) / len(before) - sum(recent) / len(recent)


def mentor_dashboard(
    *, mentor: Membership, current_pairings: list[Pairing] | None = None
) -> list[MenteeRow]:
    """`current_pairings`, when the caller has them (the home's pairing state), are the
    mentor's active and paused pairings with mentee__user__profile and mentee__program."""
    program = mentor.program
    if current_pairings is None:
        current_pairings = list(
            Pairing.objects.filter(mentor=mentor, status__in=Pairing.CURRENT).select_related(
                "mentee__user__profile", "mentee__program"
            )
        )
    pairings = sorted(current_pairings, key=lambda p: (p.activated_at or p.proposed_at, p.pk))
    if not pairings:
        return []
    rows = {
        p.mentee_id: MenteeRow(pairing=p, mentee=p.mentee, today=local_today(p.mentee))
        for p in pairings
    }
    mentee_ids = list(rows)
    earliest = min(row.today for row in rows.values()) - timedelta(days=14)
    shared_checkins = CheckIn.objects.filter(
        membership_id__in=mentee_ids, visibility=Visibility.SHARED
    )
    # Each mentee's latest shared check-in, one index probe per mentee through the
    # (membership, date) constraint's index: MAX(date) read every check-in of two years.
    latest_shared = (
        CheckIn.objects.filter(membership_id=OuterRef("pk"), visibility=Visibility.SHARED)
        .order_by("-date")
        .values("date")[:1]
    )
    for membership_id, last in (
        Membership.objects.filter(pk__in=mentee_ids)
        .order_by()  # no join for Membership's default ordering
        .annotate(last=Subquery(latest_shared))
        .values_list("pk", "last")
    ):
        rows[membership_id].last_checkin = last
    for membership_id, day, mood in (
        shared_checkins.filter(date__gt=earliest)
        .order_by("date")
        .values_list("membership_id", "date", "mood")
    ):
        row = rows[membership_id]
        if day > row.today - timedelta(days=14):
            row.moods.append((day, mood))
    for membership_id, checkin_id in shared_checkins.filter(
        wants_outreach=True, outreach_handled_at__isnull=True
    ).values_list("membership_id", "pk"):
        rows[membership_id].outreach_checkins.append(checkin_id)
    monday = min(week_start(row.today) for row in rows.values())
    for membership_id, day in HabitLog.objects.filter(
        habit__membership_id__in=mentee_ids,
        habit__visibility=Visibility.SHARED,
        habit__archived_at__isnull=True,
        date__gte=monday,
    ).values_list("habit__membership_id", "date"):
        row = rows[membership_id]
        if week_start(row.today) <= day <= row.today:
            row.habits_done_this_week += 1
    goals = (
        Goal.objects.filter(
            membership_id__in=mentee_ids, visibility=Visibility.SHARED, status=Goal.Status.ACTIVE
        )
        .annotate(
            total=Count("milestones"),
            done=Count("milestones", filter=Q(milestones__done_at__isnull=False)),
        )
        .values_list("membership_id", "total", "done", "manual_progress")
    )
    progress: dict[int, list[int]] = {}
    for membership_id, total, done, manual in goals:
        value = round(100 * done / total) if total else (manual or 0)
        progress.setdefault(membership_id, []).append(value)
    for membership_id, values in progress.items():
        rows[membership_id].goal_progress = round(sum(values) / len(values))
        rows[membership_id].goals_active = len(values)
    now = timezone.now()
    by_pairing = {row.pairing.pk: row for row in rows.values()}
    meeting_stats = (
        Meeting.objects.filter(pairing_id__in=list(by_pairing))
        .values("pairing_id")
        .annotate(
            next_start=Min(
                "starts_at",
                filter=Q(
                    starts_at__gte=now,
                    status__in=[Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED],
                ),
            ),
            last_logged=Max("starts_at", filter=Q(logged_at__isnull=False)),
        )
    )
    next_starts = {}
    for item in meeting_stats:
        row = by_pairing[item["pairing_id"]]
        if item["last_logged"]:
            row.last_logged_meeting = item["last_logged"].date()
        if item["next_start"]:
            next_starts[item["pairing_id"]] = item["next_start"]
    if next_starts:
        for meeting in Meeting.objects.filter(
            pairing_id__in=list(next_starts),
            starts_at__in=list(next_starts.values()),
            status__in=[Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED],
        ):
            if next_starts.get(meeting.pairing_id) == meeting.starts_at:
                by_pairing[meeting.pairing_id].next_meeting = meeting
    window = program.setting("flag_return_to_use_days")
    for membership_id, ended_on in RecoveryPeriod.objects.filter(
        membership_id__in=mentee_ids,
        told_pairing__in=[p.pk for p in pairings],
        ended_on__gte=min(row.today for row in rows.values()) - timedelta(days=window),
    ).values_list("membership_id", "ended_on"):
        row = rows[membership_id]
        if row.return_to_use_on is None or ended_on > row.return_to_use_on:
            row.return_to_use_on = ended_on
    _flag(rows.values(), program)
    return sorted(rows.values(), key=lambda row: row.attention_key)


def _flag(rows, program) -> None:
    no_checkin = program.setting("flag_no_checkin_days")
    mood_drop = program.setting("flag_mood_drop_points")
    no_meeting = program.setting("flag_no_meeting_days")
    for row in rows:
        since = local_date(row.mentee, row.pairing.activated_at or row.pairing.proposed_at)
        if row.outreach_checkins:
            row.flags.append(FLAG_OUTREACH)
        if row.return_to_use_on is not None:
            row.flags.append(FLAG_RETURN_TO_USE)
        row.mood_drop = _mood_drop(row.moods, row.today)
        if row.mood_drop >= mood_drop:
            row.flags.append(FLAG_MOOD_DOWN)
        last = row.last_checkin or since
        if (row.today - last).days >= no_checkin:
            row.flags.append(FLAG_NO_CHECKIN)
        last_meeting = row.last_logged_meeting or since
        if (row.today - last_meeting).days >= no_meeting:
            row.flags.append(FLAG_NO_MEETING)
