"""Sending a chunk of deliveries (a sweep's 100) in a fixed number of queries.

`deliveries_perform(*, delivery_ids)` claims the chunk with one UPDATE ... RETURNING, reads
the claimed deliveries with their notification, recipient, profile, settings and program in
one query, checks that each is still wanted with one query per check (memberships,
preferences, each kind's registered relevance check), drops the others in one UPDATE,
renders each (kind, language, program) once, and sends the emails over one backend
connection. Each email is marked "sent" as soon as the backend has accepted it (one UPDATE
each, the only statement repeated per delivery): a worker killed mid-chunk re-sends at most
the one message it was sending. Returns the count sent and the deliveries that failed with
a transient error, each to be retried alone (tasks.deliveries_send).
"""

import logging
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection
from django.utils import timezone

from accounts.models import Membership

from .delivery import (
    TRANSIENT_ERRORS,
    _send_sms,
    _sms_errors,
    relevance_check_many,
)
from .kinds import Channel
from .models import Delivery, NotificationPreference
from .rendering import EmailRenderer

logger = logging.getLogger(__name__)


def deliveries_claim(*, delivery_ids: list[int]) -> list[int]:
    """Flips the pending ones among `delivery_ids` to "sending" in one statement and returns
    those this worker claimed: one another worker holds, or one sent already, is not."""
    delivery_ids = sorted(set(delivery_ids))
    if not delivery_ids:
        return []
    table = connection.ops.quote_name(Delivery._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    if connection.vendor == "postgresql":
        matching, id_params = "id = ANY(%s::bigint[])", [delivery_ids]
    else:
        matching, id_params = f"id IN ({', '.join(['%s'] * len(delivery_ids))})", delivery_ids
    sql = (
        f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1 "  # noqa: S608
        f"WHERE {matching} AND status = %s RETURNING id"
    )
    params = [Delivery.Status.SENDING, now, *id_params, Delivery.Status.PENDING]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(row[0] for row in cursor.fetchall())


def _claimed_read(claimed: list[int]) -> list[Delivery]:
    return list(
        Delivery.objects.filter(pk__in=claimed, status=Delivery.Status.SENDING)
        .select_related(
            "notification__program",
            "notification__recipient__profile",
            "notification__recipient__notification_settings",
        )
        .order_by("pk")
    )


def _still_wanted(deliveries: list[Delivery]) -> tuple[list[Delivery], list[int]]:
    """(wanted, dropped ids): the chunk's version of `delivery._still_wanted`."""
    notifications = [delivery.notification for delivery in deliveries]
    user_ids = {n.recipient_id for n in notifications}
    program_ids = {n.program_id for n in notifications if n.program_id is not None}
    active = set()
    if program_ids:
        active = set(
            Membership.objects.filter(
                user_id__in=user_ids, program_id__in=program_ids, status=Membership.Status.ACTIVE
            ).values_list("user_id", "program_id")
        )
    channels = {
        (user_id, kind): channel
        for user_id, kind, channel in NotificationPreference.objects.filter(
            user_id__in=user_ids, kind__in={n.kind for n in notifications}
        ).values_list("user_id", "kind", "channel")
    }
    by_kind = defaultdict(list)
    for notification in notifications:
        by_kind[notification.kind].append(notification)
    relevant = set()
    for kind, of_kind in by_kind.items():
        relevant |= relevance_check_many(kind, of_kind)
    wanted, dropped = [], []
    for delivery in deliveries:
        notification = delivery.notification
        if (
            notification.recipient.is_active
            and notification.pk in relevant
            and (
                notification.program_id is None
                or (notification.recipient_id, notification.program_id) in active
            )
            and channels.get((notification.recipient_id, notification.kind))
            not in (Channel.OFF, Channel.IN_APP)
        ):
            wanted.append(delivery)
        else:
            dropped.append(delivery.pk)
    return wanted, dropped


@contextmanager
def _marks_not_waiting_for_disk():
    """On PostgreSQL, the "sent" marks of this chunk commit without waiting for the WAL flush
    (`synchronous_commit = off`: a flush costs ~5 ms here, more than building the email).
    A worker killed still loses nothing committed; only a crash of PostgreSQL itself can
    lose the marks of its last fraction of a second, and those emails are then sent again
    after the requeue: a duplicate, never a lost message. Reset for the connection's next
    user."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _mark_sent(delivery_id: int) -> None:
    Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
    )


def _email(renderer: EmailRenderer, delivery: Delivery, backend) -> EmailMultiAlternatives:
    notification = delivery.notification
    user = notification.recipient
    rendered = renderer.render(notification, user)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{rendered.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=backend,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def _send_one(delivery: Delivery, renderer: EmailRenderer, backend) -> bool:
    """Sends one wanted delivery; False when an SMS delivery has no phone number (dropped).
    Raises the channel's transient errors."""
    if delivery.channel == Delivery.Channel.SMS:
        try:
            _send_sms(delivery.notification)
        except ValueError:
            return False
        except _sms_errors() as error:
            raise OSError(type(error).__name__) from error
        return True
    _email(renderer, delivery, backend).send(fail_silently=False)
    return True


def _send_each(
    wanted: list[Delivery], backend, dropped: list[int]
) -> tuple[int, list[tuple[int, BaseException]]]:
    renderer = EmailRenderer()
    sent, transient = 0, []
    closed = True
    for delivery in wanted:
        is_email = delivery.channel == Delivery.Channel.EMAIL
        try:
            if is_email and closed:
                backend.open()  # kept open: each send_messages reuses it
                closed = False
            if not _send_one(delivery, renderer, backend):
                dropped.append(delivery.pk)
                continue
        except TRANSIENT_ERRORS as error:
            transient.append((delivery.pk, error))
            if is_email:
                # The server may have dropped the connection: the next email opens anew.
                backend.close()
                closed = True
            continue
        except Exception:
            # Left "sending": deliveries_requeue_stale tries it again, then marks it failed.
            logger.exception("delivery %s failed", delivery.pk)
            continue
        _mark_sent(delivery.pk)
        sent += 1
    return sent, transient


def deliveries_perform(*, delivery_ids: list[int]) -> tuple[int, list[tuple[int, BaseException]]]:
    claimed = deliveries_claim(delivery_ids=delivery_ids)
    if not claimed:
        return 0, []
    wanted, dropped = _still_wanted(_claimed_read(claimed))
    backend = get_connection(fail_silently=False)
    try:
        with _marks_not_waiting_for_disk():
            sent, transient = _send_each(wanted, backend, dropped)
    finally:
        backend.close()
        if dropped:
            Delivery.objects.filter(pk__in=dropped, status=Delivery.Status.SENDING).update(
                status=Delivery.Status.DROPPED
            )
    return sent, transient
