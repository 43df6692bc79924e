"""The beat schedules live in the database (django-celery-beat), made by a migration, and
each names a task the worker knows."""

import pytest
from django_celery_beat.models import PeriodicTask

from config.celery import app

pytestmark = pytest.mark.django_db

EXPECTED = {
    "mentoring.tasks.checkin_reminders_sweep": (1, "minutes"),
    "mentoring.tasks.meeting_reminders_sweep": (1, "minutes"),
    "notifications.tasks.deliveries_requeue_stale": (1, "minutes"),
    "matching.tasks.pairings_expire_task": (15, "minutes"),
    "mentoring.tasks.no_checkin_nudges_sweep": (1, "hours"),
    "matching.tasks.waiting_proposals_sweep": (1, "hours"),
    "mentoring.tasks.stalled_pairs_sweep": (1, "hours"),
    "mentoring.tasks.weekly_digest_sweep": (15, "minutes"),
    "surveys.tasks.surveys_due_sweep": (1, "hours"),
    "mydata.tasks.data_exports_expire": (15, "minutes"),
}


def test_every_sweep_is_scheduled_once_and_names_a_registered_task():
    app.loader.import_default_modules()
    scheduled = {
        task.task: (task.interval.every, task.interval.period)
        for task in PeriodicTask.objects.filter(enabled=True).select_related("interval")
    }
    assert scheduled == EXPECTED
    assert PeriodicTask.objects.count() == len(EXPECTED)
    for name in EXPECTED:
        assert name in app.tasks, name


def test_the_schedules_are_visible_and_editable_in_the_admin(operator):
    listing = operator.get("/admin/django_celery_beat/periodictask/")
    assert listing.status_code == 200
    assert "Check-in reminders" in listing.content.decode()
    task = PeriodicTask.objects.get(name="Weekly digest")
    assert (
        operator.get(f"/admin/django_celery_beat/periodictask/{task.pk}/change/").status_code == 200
    )


def test_settings_use_the_database_scheduler(settings):
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
    assert not getattr(settings, "CELERY_BEAT_SCHEDULE", None)
