"""The load benchmark's data (benchmarks/seed.py): bulk-built, but with the derived fields
the services would have written, so the pages it measures show what people would see."""

from datetime import timedelta

import pytest

from benchmarks.seed import seed_program
from mentoring import services
from mentoring.models import CheckIn, Habit, HabitLog
from mentoring.services.habits import runs
from tests.factories import HABIT_NAMES

pytestmark = pytest.mark.django_db


def test_seeded_history_has_the_streaks_the_services_would_compute():
    data = seed_program(mentees=2, mentors=1, days=20, goals=2)

    assert len(data.mentees) == 2 and data.mentors == ["bench-mentor1@example.org"]
    for mentee in data.mentees:
        assert CheckIn.objects.filter(membership_id=mentee.membership_id).count() == 20
        assert len(mentee.habit_ids) == len(HABIT_NAMES) and len(mentee.goal_ids) == 2
        for habit in Habit.objects.filter(pk__in=mentee.habit_ids):
            dates = list(HabitLog.objects.filter(habit=habit).values_list("date", flat=True))
            stored = (
                habit.last_run_start,
                habit.last_run_end,
                habit.last_run_length,
                habit.longest_run,
            )
            assert stored == runs(habit, dates)
            assert habit.longest_run >= habit.last_run_length > 0


def test_a_log_today_continues_the_seeded_streak():
    data = seed_program(mentees=1, mentors=1, days=30, goals=1)
    # This habit is logged on every day but every sixth, and yesterday: its run reaches yesterday.
    habit = Habit.objects.get(pk=data.mentees[0].habit_ids[1])
    today = services.local_today(habit.membership)
    assert habit.last_run_end == today - timedelta(days=1)
    before = habit.last_run_length

    services.habit_log(habit=habit, day=today)

    habit.refresh_from_db()
    assert (habit.last_run_end, habit.last_run_length) == (today, before + 1)
    assert not CheckIn.objects.filter(membership_id=data.mentees[0].membership_id, date=today)
