"""The mentoring admin cannot skip a service: no add or change forms, a habit log only
through `habit_log`, streaks recomputed by an action calling `habit_recompute_streaks`,
journal entries deleted through `journal_delete`."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from mentoring import services
from mentoring.models import Habit, HabitLog, JournalEntry
from tests.factories import admin_url

pytestmark = pytest.mark.django_db


def test_records_cannot_be_added_or_changed_in_the_admin(operator, mentee):
    """Every mentoring record is written by a service: the admin offers no form for it."""
    goal = services.goal_create(membership=mentee, title="Walk", category="health")
    for model in apps.get_app_config("mentoring").get_models():
        assert operator.get(admin_url(model, "add")).status_code == 403, model
    change = admin_url(goal, "change", goal.pk)
    assert operator.post(change, {"title": "Changed", "status": "achieved"}).status_code == 403
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Walk", "active")


def test_a_habit_log_cannot_be_added_or_deleted_in_the_admin(operator, mentee):
    habit = services.habit_create(membership=mentee, name="Stretch")
    services.habit_log(habit=habit)
    add = admin_url(HabitLog, "add")
    assert operator.get(add).status_code == 403
    response = operator.post(add, {"habit": habit.pk, "date": timezone.now().date().isoformat()})
    assert response.status_code == 403
    assert HabitLog.objects.filter(habit=habit).count() == 1
    log = HabitLog.objects.get(habit=habit)
    assert operator.post(admin_url(log, "delete", log.pk), {"post": "yes"}).status_code == 403
    assert HabitLog.objects.filter(pk=log.pk).exists()


def test_recompute_streaks_action_rebuilds_them_from_the_logs(operator, mentee):
    habit = services.habit_create(membership=mentee, name="Morning walk")
    today = services.local_today(mentee)
    for days_ago in (3, 2, 1, 0):
        services.habit_log(habit=habit, day=today - timedelta(days=days_ago))
    habit.refresh_from_db()
    assert (habit.last_run_length, habit.longest_run) == (4, 4)
    # Streaks gone stale, as after logs written outside `habit_log` (an import, a repair).
    Habit.objects.filter(pk=habit.pk).update(last_run_length=0, longest_run=0, last_run_end=None)

    response = operator.post(
        admin_url(Habit, "changelist"),
        {"action": "recompute_streaks", "_selected_action": [habit.pk], "index": "0"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Streaks recomputed for 1 habit." in response.content.decode()
    habit.refresh_from_db()
    assert (habit.last_run_length, habit.longest_run, habit.last_run_end) == (4, 4, today)


def test_journal_entries_are_deleted_through_the_service(operator, mentee):
    entry = services.journal_create(membership=mentee, title="x", body="Private words")
    response = operator.post(admin_url(entry, "delete", entry.pk), {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert f"#{entry.pk}" in response.content.decode()
    assert not JournalEntry.objects.filter(pk=entry.pk).exists()
