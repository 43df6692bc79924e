"""Writes of the notifications app: the public API that matching and mentoring call.

- `notification_send(*, recipient, kind, key, url, program=None, context=None)`: tells one
  person once. `key` names (kind, object, time slot), e.g. f"meeting_reminder_1h:{meeting.pk}";
  a second call with the same (recipient, key) returns None and sends nothing. Nothing is
  stored for a person without an active membership in `program`, or whose channel for the
  kind is "off". Otherwise an in-app Notification is stored and, for email or text message,
  a Delivery that a worker sends after commit (never inside the web request).
  `context` may hold only {"other_name": display name} for the wording (other keys are
  ignored), never what a person wrote: emails carry a link, not content. `url` is a path in
  PeerPath (the bell links to it; emails link to /notifications/<id>/, which redirects, so no
  program slug reaches a mailbox). Use `program` for every program-scoped kind: it is what
  drops the notification once the person has left.
- `notifications_send_bulk(rows: Iterable[BulkRow])`: the same for sweeps, about ten
  queries per batch of 1,000 whatever the batch holds; returns how many were new. Rows
  for people who left, turned the kind off, or were told already (same key) are skipped.
- `notification_mark_read`, `notifications_mark_all_read`, `preference_set`,
  `settings_set`, `checkin_reminder_set`, `unsubscribe(token)`.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Membership, Program, User

from .kinds import KINDS, REMINDER_KINDS, Channel, kind_get
from .models import (
    Delivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from .preferences import checkin_reminder_set, preference_set, settings_set, unsubscribe
from .quiet_hours import quiet_hours_end
from .rendering import one_line, render_title, title_for, user_language

BULK_BATCH_SIZE = 1000

__all__ = [
    "BulkRow",
    "checkin_reminder_set",
    "notification_mark_read",
    "notification_send",
    "notifications_mark_all_read",
    "notifications_send_bulk",
    "preference_set",
    "settings_set",
    "unsubscribe",
]


def _outside_channel(*, kind: str, chosen: str, explicit: bool, user, settings_row) -> str | None:
    """Which outside channel (email, sms) a delivery goes by, or None for in-app only."""
    if chosen == Channel.SMS:
        if (
            kind_get(kind).sms_allowed
            and settings_row is not None
            and settings_row.sms_opt_in
            and settings_row.phone_number
        ):
            return Delivery.Channel.SMS
        return None
    if chosen != Channel.EMAIL:
        return None
    if not explicit:
        # Before per-kind choices, the profile's two switches said the same thing.
        profile = getattr(user, "profile", None)
        if profile is not None:
            switch = profile.email_reminders if kind in REMINDER_KINDS else profile.email_updates
            if not switch:
                return None
    return Delivery.Channel.EMAIL if user.email else None


def _delivery_eta(*, kind: str, user, settings_row):
    if kind_get(kind).urgent or settings_row is None:
        return None
    profile = getattr(user, "profile", None)
    zone = profile.time_zone if profile is not None else "UTC"
    return quiet_hours_end(
        start=settings_row.quiet_start, end=settings_row.quiet_end, time_zone=zone
    )


ENQUEUE_CHUNK = 100


def _enqueue_after_commit(deliveries: list[tuple[int, object]]) -> None:
    """After commit: one message per delivery due later (quiet hours), and one per chunk of
    100 for those due now (a sweep of 100,000 sends 1,000 messages, not 100,000)."""
    from .tasks import deliveries_send, delivery_send

    def enqueue():
        now = [delivery_id for delivery_id, eta in deliveries if eta is None]
        if len(now) == 1:
            delivery_send.delay(now[0])
        else:
            for start in range(0, len(now), ENQUEUE_CHUNK):
                deliveries_send.delay(now[start : start + ENQUEUE_CHUNK])
        for delivery_id, eta in deliveries:
            if eta is not None:
                delivery_send.apply_async(args=[delivery_id], eta=eta)

    if deliveries:
        transaction.on_commit(enqueue)


def _is_active_member(*, user: User, program: Program | None) -> bool:
    if program is None:
        return user.is_active
    return Membership.objects.filter(
        user=user, program=program, status=Membership.Status.ACTIVE
    ).exists()


@transaction.atomic
def notification_send(
    *,
    recipient: User,
    kind: str,
    key: str,
    url: str,
    program: Program | None = None,
    context: dict | None = None,
) -> Notification | None:
    kind_get(kind)  # an unknown kind is a programming error: KeyError
    if not recipient.is_active or not _is_active_member(user=recipient, program=program):
        return None
    explicit = (
        NotificationPreference.objects.filter(user=recipient, kind=kind)
        .values_list("channel", flat=True)
        .first()
    )
    chosen = explicit or kind_get(kind).default_channel
    if chosen == Channel.OFF:
        return None
    title = render_title(kind=kind, program=program, user=recipient, context=context)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, program=program, kind=kind, key=key, url=url, title=title
            )
    except IntegrityError:
        return None  # told already: same (recipient, key)
    settings_row = NotificationSettings.objects.filter(user=recipient).first()
    channel = _outside_channel(
        kind=kind, chosen=chosen, explicit=bool(explicit), user=recipient, settings_row=settings_row
    )
    if channel is not None:
        eta = _delivery_eta(kind=kind, user=recipient, settings_row=settings_row)
        delivery = Delivery.objects.create(
            notification=notification, channel=channel, due_at=eta or timezone.now()
        )
        _enqueue_after_commit([(delivery.pk, eta)])
    return notification


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

    Per batch: people (with profile and settings), memberships, programs, preferences,
    insert with ignore_conflicts, find the new ones, insert deliveries, find them: about
    ten queries, whatever the batch holds."""
    created = 0
    for batch in _batches(rows, batch_size):
        created += _send_batch(batch)
    return created


@transaction.atomic
def _send_batch(batch: list[BulkRow]) -> int:
    for row in batch:
        kind_get(row.kind)
    user_ids = {row.recipient_id for row in batch}
    users = {
        u.pk: u
        for u in User.objects.filter(pk__in=user_ids, is_active=True).select_related(
            "profile", "notification_settings"
        )
    }
    program_ids = {row.program_id for row in batch if row.program_id is not None}
    active = set(
        Membership.objects.filter(
            user_id__in=user_ids, program_id__in=program_ids, status=Membership.Status.ACTIVE
        ).values_list("user_id", "program_id")
    )
    programs = {p.pk: p for p in Program.objects.filter(pk__in=program_ids)}
    explicit = {
        (user_id, kind): channel
        for user_id, kind, channel in NotificationPreference.objects.filter(
            user_id__in=user_ids, kind__in={row.kind for row in batch}
        ).values_list("user_id", "kind", "channel")
    }
    stamp = timezone.now()
    titles: dict[tuple, str] = {}
    wanted = {}
    for row in batch:
        user = users.get(row.recipient_id)
        if user is None:
            continue
        if row.program_id is not None and (row.recipient_id, row.program_id) not in active:
            continue
        chosen = explicit.get((row.recipient_id, row.kind)) or KINDS[row.kind].default_channel
        if chosen == Channel.OFF:
            continue
        program = programs.get(row.program_id)
        title_key = (
            row.kind,
            row.program_id,
            user_language(user),
            one_line((row.context or {}).get("other_name", ""), 80),
        )
        if title_key not in titles:
            titles[title_key] = title_for(
                kind=row.kind, program=program, language=title_key[2], other_name=title_key[3]
            )
        wanted[(row.recipient_id, row.key)] = (
            Notification(
                recipient_id=row.recipient_id,
                program_id=row.program_id,
                kind=row.kind,
                key=row.key,
                url=row.url,
                title=titles[title_key],
                created_at=stamp,
            ),
            chosen,
        )
    if not wanted:
        return 0
    Notification.objects.bulk_create(
        [n for n, _ in wanted.values()], ignore_conflicts=True, batch_size=500
    )
    # New rows carry this batch's exact timestamp; rows stored before keep theirs.
    new = [
        n
        for n in Notification.objects.filter(
            recipient_id__in=user_ids, key__in={key for _, key in wanted}, created_at=stamp
        ).only("id", "recipient_id", "key", "kind")
        if (n.recipient_id, n.key) in wanted
    ]
    deliveries = []
    etas = {}
    for notification in new:
        user = users[notification.recipient_id]
        settings_row = getattr(user, "notification_settings", None)
        chosen = wanted[(notification.recipient_id, notification.key)][1]
        channel = _outside_channel(
            kind=notification.kind,
            chosen=chosen,
            explicit=(notification.recipient_id, notification.kind) in explicit,
            user=user,
            settings_row=settings_row,
        )
        if channel is not None:
            eta = _delivery_eta(kind=notification.kind, user=user, settings_row=settings_row)
            etas[notification.pk] = eta
            deliveries.append(
                Delivery(notification_id=notification.pk, channel=channel, due_at=eta or stamp)
            )
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True, batch_size=500)
    stored = Delivery.objects.filter(
        notification_id__in=etas.keys(), status=Delivery.Status.PENDING
    ).values_list("id", "notification_id")
    _enqueue_after_commit([(delivery_id, etas[n_id]) for delivery_id, n_id in stored])
    return len(new)


def notification_mark_read(*, notification: Notification) -> None:
    """The caller has checked it is the person's own (selectors.notification_get_for_user)."""
    Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())
