"""The beat schedules, stored in django-celery-beat's tables so the admin shows and edits
them. Created once: a schedule an operator changed (or disabled) is left as it is."""

from django.db import migrations
from django.utils import timezone

# name: (task, every, period)
SCHEDULES = {
    "Check-in reminders": ("mentoring.tasks.checkin_reminders_sweep", 1, "minutes"),
    "Meeting reminders": ("mentoring.tasks.meeting_reminders_sweep", 1, "minutes"),
    "Requeue stale deliveries": ("notifications.tasks.deliveries_requeue_stale", 1, "minutes"),
    "Expire pairing proposals": ("matching.tasks.pairings_expire_task", 15, "minutes"),
    "No check-in nudges": ("mentoring.tasks.no_checkin_nudges_sweep", 1, "hours"),
    "Waiting pairing proposals": ("matching.tasks.waiting_proposals_sweep", 1, "hours"),
    "Stalled pairs": ("mentoring.tasks.stalled_pairs_sweep", 1, "hours"),
    "Weekly digest": ("mentoring.tasks.weekly_digest_sweep", 15, "minutes"),
}


# Made by beat from CELERY_BEAT_SCHEDULE before the schedules moved here.
FORMER_NAMES = ["expire-pairing-proposals", "requeue-stale-deliveries"]


def _touch(apps):
    # Tells a running DatabaseScheduler to reload its schedule.
    apps.get_model("django_celery_beat", "PeriodicTasks").objects.update_or_create(
        ident=1, defaults={"last_update": timezone.now()}
    )


def create_schedules(apps, schema_editor):
    interval_model = apps.get_model("django_celery_beat", "IntervalSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    task_model.objects.filter(name__in=FORMER_NAMES).delete()
    for name, (task, every, period) in SCHEDULES.items():
        interval, _ = interval_model.objects.get_or_create(every=every, period=period)
        task_model.objects.get_or_create(
            name=name, defaults={"task": task, "interval": interval, "enabled": True}
        )
    _touch(apps)


def delete_schedules(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=list(SCHEDULES)
    ).delete()
    _touch(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0003_recoveryperiod_told_pairing"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, delete_schedules)]
