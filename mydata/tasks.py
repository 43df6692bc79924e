"""Celery tasks of mydata (thin: each calls a service). The expiry sweep runs from the beat
schedule created by migration mydata 0002."""

from celery import shared_task

from . import services

# A person with years of daily records: more than the default 60 s limit of a task.


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def data_export_build(export_id: int) -> None:
    services.export_build(export_id=export_id)


@shared_task(acks_late=True)
def data_exports_expire() -> int:
    return services.exports_expire()
