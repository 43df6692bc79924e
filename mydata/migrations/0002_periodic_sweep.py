"""The beat schedule of the export expiry sweep (as mentoring 0004 does for its sweeps)."""

from django.db import migrations
from django.utils import timezone

SCHEDULES = {
    "Expire data exports": ("mydata.tasks.data_exports_expire", 15, "minutes"),
}


def _touch(apps):
    # Tells a running DatabaseScheduler to reload its schedule.
    apps.get_model("django_celery_beat", "PeriodicTasks").objects.update_or_create(
        ident=1, defaults={"last_update": timezone.now()}
    )


def create_schedules(apps, schema_editor):
    interval_model = apps.get_model("django_celery_beat", "IntervalSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
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
        ("mydata", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, delete_schedules)]
