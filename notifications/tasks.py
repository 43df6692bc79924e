"""Celery tasks of the notifications app (thin: ids in, services out).

- `delivery_send(delivery_id)`: sends one Delivery once. A worker claims it with one UPDATE
  (pending -> sending); a second worker, or a message delivered again, finds nothing to claim.
- `deliveries_requeue_stale()`: periodic; puts back deliveries left in "sending" by a killed
  worker. A delivery that reached "sent" is never touched.
"""

import smtplib
from datetime import timedelta

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from .delivery import (
    MAX_ATTEMPTS,
    TRANSIENT_ERRORS,
    delivery_failed_record,
    delivery_perform,
    delivery_release_for_retry,
)
from .models import Delivery

STALE_AFTER = timedelta(minutes=5)


def backoff_seconds(attempts: int) -> int:
    return min(60 * 2 ** max(attempts - 1, 0), 3600)


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS)
def delivery_send(self, delivery_id: int) -> str:
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if claimed != 1:
        return "not claimed"
    try:
        return delivery_perform(delivery_id=delivery_id)
    except TRANSIENT_ERRORS + (smtplib.SMTPException,) as error:
        delivery = Delivery.objects.get(pk=delivery_id)
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery_failed_record(delivery=delivery, error=error)
            return "failed"
        delivery_release_for_retry(delivery=delivery, error=error)
        raise self.retry(countdown=backoff_seconds(delivery.attempts), exc=error) from error


@shared_task(acks_late=True)
def deliveries_requeue_stale() -> int:
    cutoff = timezone.now() - STALE_AFTER
    # A delivery that keeps killing its worker stops being retried.
    Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=cutoff, attempts__gte=MAX_ATTEMPTS
    ).update(status=Delivery.Status.FAILED, last_error="WorkerLost")
    stale = list(
        Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=cutoff).values_list(
            "id", flat=True
        )[:10_000]
    )
    requeued = 0
    for delivery_id in stale:
        released = Delivery.objects.filter(
            pk=delivery_id, status=Delivery.Status.SENDING, claimed_at__lt=cutoff
        ).update(status=Delivery.Status.PENDING)
        if released:
            delivery_send.delay(delivery_id)
            requeued += 1
    return requeued
