"""Celery beat's own schedule, read from the database by django-celery-beat's
DatabaseScheduler, fires the check-in sweep in a real worker process, and the reminder email
goes out once."""

import time as clock
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask, PeriodicTasks

from accounts.models import Role
from notifications.models import Notification, SweepMark
from notifications.services import checkin_reminder_set
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.worker

SWEEP_TASK = "mentoring.tasks.checkin_reminders_sweep"


def _emails_to(mail_dir, address: str) -> int:
    return sum(
        path.read_text(errors="replace").count(f"To: {address}\n") for path in mail_dir.iterdir()
    )


def test_beat_fires_the_checkin_sweep_and_the_reminder_arrives_once(program, worker_processes):
    mentee = MembershipFactory(
        program=program, role=Role.MENTEE, user=UserFactory(email="beat@example.org")
    )
    now = timezone.now()
    local_now = timezone.localtime(now, timezone=ZoneInfo(mentee.user.profile.time_zone))
    checkin_reminder_set(
        membership=mentee,
        enabled=True,
        local_time=local_now.time().replace(second=0, microsecond=0),
        days=[local_now.weekday()],
    )
    # The sweep's last window ended two minutes ago: its next run covers this minute.
    SweepMark.objects.update_or_create(
        name="checkin_reminders", defaults={"window_end": now - timedelta(minutes=2)}
    )
    # Only the check-in sweep, every 2 seconds (the migration's rows may have been flushed by
    # an earlier transactional test; this test makes its own).
    PeriodicTask.objects.update(enabled=False)
    every_two_seconds, _ = IntervalSchedule.objects.get_or_create(
        every=2, period=IntervalSchedule.SECONDS
    )
    PeriodicTask.objects.update_or_create(
        name="Check-in reminders (beat test)",
        defaults={"task": SWEEP_TASK, "interval": every_two_seconds, "enabled": True},
    )
    PeriodicTasks.update_changed()

    worker = worker_processes.start(concurrency=1, beat=True)
    deadline = clock.monotonic() + 90
    while clock.monotonic() < deadline and not _emails_to(
        worker_processes.mail_dir, "beat@example.org"
    ):
        assert worker.poll() is None, worker_processes.logs()
        clock.sleep(0.5)
    clock.sleep(6)  # a few more beats: none of them may send it again

    assert _emails_to(worker_processes.mail_dir, "beat@example.org") == 1, worker_processes.logs()
    assert Notification.objects.filter(recipient=mentee.user, kind="checkin_reminder").count() == 1
