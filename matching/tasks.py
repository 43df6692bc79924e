from celery import shared_task

from .services import pairing as pairing_services
from .services import rounds


@shared_task(soft_time_limit=600, time_limit=660)
def round_compute_task(round_id: int) -> None:
    rounds.round_compute(round_id=round_id)


@shared_task
def pairings_expire_task() -> int:
    return pairing_services.pairings_expire()
