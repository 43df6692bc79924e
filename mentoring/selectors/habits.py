"""Reads for a mentee's habits: today's state, streaks and the heat maps, in a fixed number
of queries whatever the length of the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from accounts.models import Membership

from .. import access
from ..models import Habit, HabitLog
from ..services.habits import BACKFILL_DAYS, week_start
from ..services.time import local_today


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


def habits_for(*, membership: Membership, viewer: Membership) -> list[HabitState]:
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
