"""Recording a past day, as the demo does for its history (people use today, or the last 7 days
for habits)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from mentoring import services
from mentoring.models import CheckIn


def test_a_checkin_can_be_recorded_for_a_past_day_not_a_day_to_come(mentee):
    today = services.local_today(mentee)
    past = services.checkin_record(
        membership=mentee, mood=4, craving=2, day=today - timedelta(days=20)
    )
    assert past.date == today - timedelta(days=20)
    assert services.checkin_record(membership=mentee, mood=3, craving=1).date == today
    with pytest.raises(ValidationError) as error:
        services.checkin_record(membership=mentee, mood=3, craving=1, day=today + timedelta(days=1))
    assert "date" in error.value.message_dict
    assert CheckIn.objects.filter(membership=mentee).count() == 2


def test_habit_backfill_stays_seven_days_unless_a_longer_window_is_asked(mentee):
    habit = services.habit_create(membership=mentee, name="Morning walk")
    today = services.local_today(mentee)
    with pytest.raises(ValidationError):
        services.habit_log(habit=habit, day=today - timedelta(days=7))
    services.habit_log(habit=habit, day=today - timedelta(days=7), backfill_days=30)
    services.habit_log(habit=habit, day=today - timedelta(days=6))
    habit.refresh_from_db()
    assert (habit.last_run_start, habit.last_run_length) == (today - timedelta(days=7), 2)
    with pytest.raises(ValidationError):
        services.habit_log(habit=habit, day=today + timedelta(days=1), backfill_days=30)
