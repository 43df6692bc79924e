from celery import shared_task

from . import services


@shared_task(soft_time_limit=600, time_limit=660)
def round_compute_task(round_id: int) -> None:
    services.round_compute(round_id=round_id)


@shared_task
def pairings_expire_task() -> int:
    return services.pairings_expire()


@shared_task
def waiting_proposals_sweep() -> int:
    return services.waiting_proposals_remind()
