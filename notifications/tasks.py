"""Celery tasks of the notifications app (thin: ids in, services out).

- `delivery_send(delivery_id)`: sends one Delivery once. A worker claims it with one UPDATE
  (pending -> sending); a second worker, or a message delivered again, finds nothing to claim.
  SMTP/SMS failures are retried with exponential backoff, then recorded as failed.
- `deliveries_send(delivery_ids)`: the same for a chunk of a sweep's deliveries (one message
  per 100 instead of one each), in a fixed number of queries (delivery_batch): the chunk is
  claimed with one UPDATE ... RETURNING (only what this worker flipped from pending is
  sent), read and checked at once, rendered once per (kind, language, program) and sent over
  one SMTP connection. A transient SMTP/SMS failure goes on alone through `delivery_send`'s
  retries with backoff; the others in the chunk are not held up.
- `deliveries_requeue_stale()`: periodic; puts back deliveries left in "sending" by a killed
  worker, and enqueues again pending ones long past due (a lost message). A delivery that
  reached "sent" is never touched.

Double-send window: each email is marked "sent" right after the backend accepted it, before
the next one is sent, in both tasks. A worker killed between an accepted send and its mark
sends that one message again after the requeue: at most one message per worker process
(never the whole chunk). The rest of a killed worker's chunk, claimed but not sent, waits in
"sending" until `deliveries_requeue_stale` puts it back (NOTIFICATION_STALE_AFTER_SECONDS).
On PostgreSQL a chunk's marks commit without waiting for the WAL flush: a crash of PostgreSQL
itself (not of a worker) can lose the marks of its last fraction of a second, and those
emails go out again after the requeue (a duplicate, never a lost message).
"""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .delivery import (
    MAX_ATTEMPTS,
    TRANSIENT_ERRORS,
    delivery_failed_record,
    delivery_perform,
    delivery_release_for_retry,
)
from .delivery_batch import deliveries_perform
from .models import Delivery

REQUEUE_LIMIT = 10_000


def backoff_seconds(attempts: int) -> int:
    base = settings.NOTIFICATION_RETRY_BACKOFF_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), 3600)


def _claim(delivery_id: int) -> bool:
    return (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
        == 1
    )


def _send_claimed(delivery_id: int) -> tuple[str, int | None]:
    """Sends a claimed delivery: ("sent"|"dropped"|"failed", None) or ("retry", countdown)."""
    try:
        return delivery_perform(delivery_id=delivery_id), None
    except TRANSIENT_ERRORS as error:
        return _failed_for_now(delivery_id, error)


def _failed_for_now(delivery_id: int, error: BaseException) -> tuple[str, int | None]:
    delivery = Delivery.objects.select_related("notification").get(pk=delivery_id)
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery_failed_record(delivery=delivery, error=error)
        return "failed", None
    delivery_release_for_retry(delivery=delivery, error=error)
    return "retry", backoff_seconds(delivery.attempts)


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS)
def delivery_send(self, delivery_id: int) -> str:
    if not _claim(delivery_id):
        return "not claimed"
    outcome, countdown = _send_claimed(delivery_id)
    if outcome == "retry":
        raise self.retry(countdown=countdown)
    return outcome


@shared_task(acks_late=True)
def deliveries_send(delivery_ids: list[int]) -> int:
    sent, transient = deliveries_perform(delivery_ids=delivery_ids)
    for delivery_id, error in transient:
        outcome, countdown = _failed_for_now(delivery_id, error)
        if outcome == "retry":
            delivery_send.apply_async(args=[delivery_id], countdown=countdown)
    return sent


@shared_task(acks_late=True)
def deliveries_requeue_stale() -> int:
    now = timezone.now()
    # Longer than any one send takes: a claim this old belongs to a worker that died.
    cutoff = now - timedelta(seconds=settings.NOTIFICATION_STALE_AFTER_SECONDS)
    # A delivery that keeps killing its worker stops being retried.
    Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=cutoff, attempts__gte=MAX_ATTEMPTS
    ).update(status=Delivery.Status.FAILED, last_error="WorkerLost")
    stale = list(
        Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=cutoff).values_list(
            "id", flat=True
        )[:REQUEUE_LIMIT]
    )
    requeued = []
    for delivery_id in stale:
        if Delivery.objects.filter(
            pk=delivery_id, status=Delivery.Status.SENDING, claimed_at__lt=cutoff
        ).update(status=Delivery.Status.PENDING):
            requeued.append(delivery_id)
    # Pending long after they were due: their message was lost (the claim makes a duplicate
    # message harmless).
    requeued += list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING,
            due_at__lt=now - timedelta(seconds=settings.NOTIFICATION_LOST_AFTER_SECONDS),
        ).values_list("id", flat=True)[:REQUEUE_LIMIT]
    )
    for start in range(0, len(requeued), 100):
        deliveries_send.delay(requeued[start : start + 100])
    return len(requeued)
