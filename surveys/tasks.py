from celery import shared_task

from . import services


@shared_task
def surveys_due_sweep() -> int:
    return services.surveys_due_remind()
