"""Periodic sweeps of mentoring (thin: each calls a service). Beat runs them from the
schedules in the database (django-celery-beat; created by migration mentoring 0004).

Windowed sweeps cover [last run's end, now) through `notifications.sweeps.sweep_run`, so a
pause catches up (up to an hour) and two beats never double-send."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from notifications.sweeps import sweep_run

from . import services

# A sweep over 100,000 due reminders takes seconds, not the default 60 s limit of a task.


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def checkin_reminders_sweep() -> int:
    return sweep_run(
        name="checkin_reminders",
        now=timezone.now(),
        sweep=lambda start, end: services.checkin_reminders_send(
            window_start=start, window_end=end
        ),
    )


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def meeting_reminders_sweep() -> int:
    return sweep_run(
        name="meeting_reminders",
        now=timezone.now(),
        sweep=lambda start, end: services.meeting_reminders_send(
            window_start=start, window_end=end
        ),
    )


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def weekly_digest_sweep() -> int:
    # Runs every 15 minutes; a window of up to a day lets a missed Monday morning catch up.
    return sweep_run(
        name="weekly_digest",
        now=timezone.now(),
        sweep=lambda start, end: services.weekly_digests_send(window_start=start, window_end=end),
        max_catch_up=timedelta(days=1),
    )


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def no_checkin_nudges_sweep() -> int:
    return services.no_checkin_nudges_send()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def stalled_pairs_sweep() -> int:
    return services.stalled_pairs_send()
