"""The beat schedule of the survey reminders, stored in django-celery-beat's tables like the
others (mentoring/migrations/0004_periodic_sweeps.py). Created once: a schedule an operator
changed or disabled is left as it is."""

from django.db import migrations
from django.utils import timezone

NAME = "Surveys due"
TASK = "surveys.tasks.surveys_due_sweep"


def _touch(apps):
    apps.get_model("django_celery_beat", "PeriodicTasks").objects.update_or_create(
        ident=1, defaults={"last_update": timezone.now()}
    )


def create_schedule(apps, schema_editor):
    interval, _ = apps.get_model("django_celery_beat", "IntervalSchedule").objects.get_or_create(
        every=1, period="hours"
    )
    apps.get_model("django_celery_beat", "PeriodicTask").objects.get_or_create(
        name=NAME, defaults={"task": TASK, "interval": interval, "enabled": True}
    )
    _touch(apps)


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()
    _touch(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
