"""The shared core of `notification_send` and `notifications_send_bulk`: who a person is for
the notifications app (one row of plain values), which outside channel a notification goes
by, when, and the set-based insert a sweep of 100,000 needs.

A sweep works on tuples, not model instances: per batch of 1,000 it reads people,
memberships, programs and preferences with `values_list`, stores notifications and
deliveries with `INSERT ... ON CONFLICT DO NOTHING RETURNING` (PostgreSQL, and SQLite 3.35+),
so the rows told already (same recipient and key) are skipped by the database and the new
ones come back with their ids without being read again. Re-exported by
notifications.services."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Profile, Program, User

from .kinds import KINDS, REMINDER_KINDS, Channel, kind_get
from .models import Delivery, Notification, NotificationPreference, NotificationSettings
from .quiet_hours import quiet_hours_end
from .rendering import one_line, title_for
from .sql import id_set, insert_new

BULK_BATCH_SIZE = 1000
ENQUEUE_CHUNK = 100


class Recipient(NamedTuple):
    """What sending needs to know of a person: read in one query with profile and settings
    (None where the person has no profile or no notification settings row)."""

    id: int
    email: str
    time_zone: str | None
    language: str | None
    email_reminders: bool | None
    email_updates: bool | None
    quiet_start: object
    quiet_end: object
    sms_opt_in: bool | None
    phone_number: str | None

    @property
    def has_profile(self) -> bool:
        return self.time_zone is not None


NO_PROFILE = (None, None, None, None)
NO_SETTINGS = (None, None, None, None)


def recipients_read(user_ids: Iterable[int]) -> dict[int, Recipient]:
    """The active people among `user_ids`, with profile and settings: three index scans.

    Not one query with two LEFT JOINs: for a batch of 1,000, PostgreSQL's planner hashes the
    whole profile table (a sequential scan of every profile per batch, which made a sweep of
    100,000 grow with the square of its size)."""
    user_ids = id_set(user_ids)
    people = User.objects.filter(pk__in=user_ids, is_active=True).values_list("id", "email")
    profiles = {
        row[0]: row[1:]
        for row in Profile.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "time_zone", "preferred_language", "email_reminders", "email_updates"
        )
    }
    choices = {
        row[0]: row[1:]
        for row in NotificationSettings.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "quiet_start", "quiet_end", "sms_opt_in", "phone_number"
        )
    }
    return {
        user_id: Recipient(
            user_id,
            email,
            *profiles.get(user_id, NO_PROFILE),
            *choices.get(user_id, NO_SETTINGS),
        )
        for user_id, email in people
    }


def recipient_language(recipient: Recipient) -> str:
    return recipient.language or settings.LANGUAGE_CODE


def outside_channel(*, kind: str, chosen: str, explicit: bool, recipient: Recipient) -> str | None:
    """Which outside channel (email, sms) a delivery goes by, or None for in-app only."""
    if chosen == Channel.SMS:
        if kind_get(kind).sms_allowed and recipient.sms_opt_in and recipient.phone_number:
            return Delivery.Channel.SMS
        return None
    if chosen != Channel.EMAIL:
        return None
    if not explicit and recipient.has_profile and not kind_get(kind).account_security:
        # Before per-kind choices, the profile's two switches said the same thing.
        switch = recipient.email_reminders if kind in REMINDER_KINDS else recipient.email_updates
        if not switch:
            return None
    return Delivery.Channel.EMAIL if recipient.email else None


def delivery_eta(*, kind: str, recipient: Recipient):
    """None to send now, or the end of the person's quiet hours (urgent kinds never wait)."""
    if kind_get(kind).urgent:
        return None
    return quiet_hours_end(
        start=recipient.quiet_start,
        end=recipient.quiet_end,
        time_zone=recipient.time_zone or "UTC",
    )


def enqueue_after_commit(deliveries: list[tuple[int, object]]) -> None:
    """After commit: one message per delivery due later (quiet hours), and one per chunk of
    100 for those due now (a sweep of 100,000 sends 1,000 messages, not 100,000)."""
    from .tasks import deliveries_send, delivery_send

    def enqueue():
        now = [delivery_id for delivery_id, eta in deliveries if eta is None]
        if len(now) == 1:
            delivery_send.delay(now[0])
        else:
            for start in range(0, len(now), ENQUEUE_CHUNK):
                chunk = now[start : start + ENQUEUE_CHUNK]
                # argsrepr: Celery would otherwise format 100 ids for its log on every send.
                deliveries_send.apply_async(args=[chunk], argsrepr=f"[{len(chunk)} ids]")
        for delivery_id, eta in deliveries:
            if eta is not None:
                delivery_send.apply_async(args=[delivery_id], eta=eta)

    if deliveries:
        transaction.on_commit(enqueue)


@dataclass(frozen=True)
class BulkRow:
    """One notification for `notifications_send_bulk`."""

    recipient_id: int
    kind: str
    key: str
    url: str
    program_id: int | None = None
    context: dict | None = field(default=None, compare=False)


def _batches(rows: Iterable[BulkRow], size: int):
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def notifications_send_bulk(rows: Iterable[BulkRow], *, batch_size: int = BULK_BATCH_SIZE) -> int:
    """Stores and enqueues many notifications; returns how many were new.

    Per batch: people (with profile and settings), memberships, programs, preferences, then
    the inserts of notifications and deliveries (two statements each per 1,000): about
    eight queries, whatever the batch holds."""
    created = 0
    for batch in _batches(rows, batch_size):
        created += _send_batch(batch)
    return created


@transaction.atomic
def _send_batch(batch: list[BulkRow]) -> int:
    for kind in {row.kind for row in batch}:
        kind_get(kind)
    recipients = recipients_read({row.recipient_id for row in batch})
    program_ids = {row.program_id for row in batch if row.program_id is not None}
    active = set(
        Membership.objects.filter(
            user_id__in=id_set(recipients),
            program_id__in=program_ids,
            status=Membership.Status.ACTIVE,
        ).values_list("user_id", "program_id")
    )
    programs = {p.pk: p for p in Program.objects.filter(pk__in=program_ids)}
    explicit = {
        (user_id, kind): channel
        for user_id, kind, channel in NotificationPreference.objects.filter(
            user_id__in=id_set(recipients), kind__in={row.kind for row in batch}
        ).values_list("user_id", "kind", "channel")
    }
    stamp = timezone.now()
    titles: dict[tuple, str] = {}
    wanted: dict[tuple[int, str], tuple] = {}
    for row in batch:
        recipient = recipients.get(row.recipient_id)
        if recipient is None:
            continue
        if row.program_id is not None and (row.recipient_id, row.program_id) not in active:
            continue
        chosen = explicit.get((row.recipient_id, row.kind)) or KINDS[row.kind].default_channel
        if chosen == Channel.OFF:
            continue
        title_key = (
            row.kind,
            row.program_id,
            recipient_language(recipient),
            one_line((row.context or {}).get("other_name", ""), 80),
        )
        if title_key not in titles:
            titles[title_key] = title_for(
                kind=row.kind,
                program=programs.get(row.program_id),
                language=title_key[2],
                other_name=title_key[3],
            )
        values = (row.recipient_id, row.program_id, row.kind, titles[title_key], row.url, row.key)
        wanted[(row.recipient_id, row.key)] = ((*values, stamp), chosen)
    if not wanted:
        return 0
    new = insert_new(
        Notification,
        ("recipient_id", "program_id", "kind", "title", "url", "key", "created_at"),
        [values for values, _ in wanted.values()],
        returning=("id", "recipient_id", "key", "kind"),
    )
    deliveries = []
    etas = {}
    for notification_id, recipient_id, key, kind in new:
        recipient = recipients[recipient_id]
        channel = outside_channel(
            kind=kind,
            chosen=wanted[(recipient_id, key)][1],
            explicit=(recipient_id, kind) in explicit,
            recipient=recipient,
        )
        if channel is not None:
            eta = delivery_eta(kind=kind, recipient=recipient)
            etas[notification_id] = eta
            deliveries.append(
                (notification_id, channel, Delivery.Status.PENDING, 0, "", stamp, eta or stamp)
            )
    stored = insert_new(
        Delivery,
        ("notification_id", "channel", "status", "attempts", "last_error", "created_at", "due_at"),
        deliveries,
        returning=("id", "notification_id"),
    )
    enqueue_after_commit([(delivery_id, etas[n_id]) for delivery_id, n_id in stored])
    return len(new)
