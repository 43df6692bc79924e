"""Reads for the mentee workspace, each page in a fixed number of queries whatever the
length of the history. Sensitive reads go through mentoring.access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from accounts.models import Membership, User

from . import access
from .models import (
    CheckIn,
    Encouragement,
    Goal,
    Habit,
    HabitLog,
    Milestone,
    RecoveryPeriod,
    RecoverySettings,
)
from .services.habits import BACKFILL_DAYS, week_start
from .services.time import local_today

RECOVERY_MILESTONE_DAYS = [30, 60, 90, 180, 365]


# GOALS


def goals_for(*, membership: Membership, viewer: User, statuses=None) -> QuerySet[Goal]:
    """A mentee's goals as the viewer may see them, with milestone counts for progress."""
    queryset = access.goals_visible_to(viewer).filter(membership=membership)
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    return queryset.annotate(
        milestones_total=Count("milestones"),
        milestones_done=Count("milestones", filter=Q(milestones__done_at__isnull=False)),
    ).order_by("status", "target_date", "pk")


def goal_progress(goal: Goal) -> int:
    total = getattr(goal, "milestones_total", None)
    done = getattr(goal, "milestones_done", None)
    if total is None:
        milestones = list(goal.milestones.all())
        total, done = len(milestones), sum(1 for m in milestones if m.done_at)
    if total:
        return round(100 * done / total)
    if goal.status == Goal.Status.ACHIEVED:
        return 100
    return goal.manual_progress or 0


def goal_detail(*, goal: Goal) -> dict:
    milestones = list(Milestone.objects.filter(goal=goal).order_by("position", "pk"))
    done = sum(1 for m in milestones if m.done_at)
    progress = round(100 * done / len(milestones)) if milestones else goal_progress(goal)
    encouragements = list(
        Encouragement.objects.filter(goal=goal).select_related("author__profile")[:10]
    )
    return {
        "goal": goal,
        "milestones": milestones,
        "progress": progress,
        "encouragements": encouragements,
    }


# HABITS


@dataclass
class HabitState:
    habit: Habit
    done_today: bool
    current_streak: int
    longest_streak: int
    done_this_week: int
    target_this_week: int

    @property
    def unit(self) -> str:
        return "weeks" if self.habit.cadence == Habit.Cadence.WEEKLY else "days"


def current_streak(habit: Habit, today: date) -> int:
    """The last run counts while it is still alive: it ended today or yesterday (daily), this
    week or last week (weekly)."""
    if not habit.last_run_end:
        return 0
    if habit.cadence == Habit.Cadence.WEEKLY:
        alive = habit.last_run_end >= week_start(today) - timedelta(days=7)
    else:
        alive = habit.last_run_end >= today - timedelta(days=1)
    return habit.last_run_length if alive else 0


def habits_for(*, membership: Membership, viewer: User) -> list[HabitState]:
    """Active habits with today's state and this week's count: two small queries in all
    (this week's logs are at most 7 per habit, whatever the history)."""
    today = local_today(membership)
    monday = week_start(today)
    habits = list(
        access.habits_visible_to(viewer)
        .filter(membership=membership, archived_at__isnull=True)
        .order_by("pk")
    )
    this_week: dict[int, set[date]] = {habit.pk: set() for habit in habits}
    if habits:
        for habit_id, day in HabitLog.objects.filter(
            habit__in=list(this_week), date__gte=monday, date__lte=today
        ).values_list("habit_id", "date"):
            this_week[habit_id].add(day)
    return [
        HabitState(
            habit=h,
            done_today=today in this_week[h.pk],
            current_streak=current_streak(h, today),
            longest_streak=h.longest_run,
            done_this_week=len(this_week[h.pk]),
            target_this_week=h.times_per_week if h.cadence == Habit.Cadence.WEEKLY else 7,
        )
        for h in habits
    ]


def habit_calendars(*, habits: list[Habit], today: date, weeks: int = 12) -> dict[int, dict]:
    """The last `weeks` weeks of each habit, Monday-first, for the heat maps and the
    "fill in the last 7 days" row: one query however many habits and logs there are."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    done: dict[int, set[date]] = {habit.pk: set() for habit in habits}
    if habits:
        logs = HabitLog.objects.filter(
            habit__in=[habit.pk for habit in habits], date__gte=first, date__lte=today
        ).values_list("habit_id", "date")
        for habit_id, day in logs:
            done[habit_id].add(day)
    recent = [today - timedelta(days=i) for i in range(BACKFILL_DAYS)]
    calendars = {}
    for habit in habits:
        columns = [
            [
                {"date": day, "done": day in done[habit.pk], "future": day > today}
                for day in (first + timedelta(weeks=week, days=i) for i in range(7))
            ]
            for week in range(weeks)
        ]
        calendars[habit.pk] = {
            "weeks": columns,
            "today": today,
            "recent_days": recent,
            "done": done[habit.pk],
        }
    return calendars


# CHECK-INS


def checkin_today(*, membership: Membership) -> CheckIn | None:
    return CheckIn.objects.filter(membership=membership, date=local_today(membership)).first()


def checkin_trend(*, membership: Membership, viewer: User, days: int) -> list[CheckIn]:
    today = local_today(membership)
    return list(
        access.checkins_visible_to(viewer)
        .filter(membership=membership, date__gt=today - timedelta(days=days), date__lte=today)
        .order_by("date")
        .only("date", "mood", "craving", "visibility")
    )


def checkins_recent(*, membership: Membership, viewer: User, limit: int = 30) -> list[CheckIn]:
    return list(
        access.checkins_visible_to(viewer).filter(membership=membership).order_by("-date")[:limit]
    )


# RECOVERY TIME


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


# HOME


def latest_encouragement(*, membership: Membership) -> Encouragement | None:
    return (
        Encouragement.objects.filter(mentee=membership)
        .select_related("author__profile")
        .order_by("-created_at")
        .first()
    )


def mentee_home(*, membership: Membership, viewer: User) -> dict:
    """Everything the mentee home shows, in a fixed number of queries."""
    goals = list(goals_for(membership=membership, viewer=viewer, statuses=[Goal.Status.ACTIVE])[:5])
    for goal in goals:
        goal.progress = goal_progress(goal)
    recovery = recovery_summary(membership=membership)
    return {
        "checkin": checkin_today(membership=membership),
        "habit_states": habits_for(membership=membership, viewer=viewer),
        "active_goals": goals,
        "recovery": recovery,
        "encouragement": latest_encouragement(membership=membership),
    }
