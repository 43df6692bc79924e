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
- `notifications_send_bulk(rows: Iterable[BulkRow])`: the same for sweeps, about eight
  queries per batch of 1,000 whatever the batch holds; returns how many were new. Rows
  for people who left, turned the kind off, or were told already (same key) are skipped.
- `notification_mark_read`, `notifications_mark_all_read`, `preference_set`,
  `settings_set`, `checkin_reminder_set`, `unsubscribe(token)`.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Membership, Program, User

from .bulk import (
    BulkRow,
    delivery_eta,
    enqueue_after_commit,
    notifications_send_bulk,
    outside_channel,
    recipient_language,
    recipients_read,
)
from .kinds import Channel, kind_get
from .models import Delivery, Notification, NotificationPreference
from .preferences import checkin_reminder_set, preference_set, settings_set, unsubscribe
from .rendering import one_line, title_for

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
    person = recipients_read([recipient.pk]).get(recipient.pk)
    if person is None or not _is_active_member(user=recipient, program=program):
        return None
    explicit = (
        NotificationPreference.objects.filter(user=recipient, kind=kind)
        .values_list("channel", flat=True)
        .first()
    )
    chosen = explicit or kind_get(kind).default_channel
    if chosen == Channel.OFF:
        return None
    title = title_for(
        kind=kind,
        program=program,
        language=recipient_language(person),
        other_name=one_line((context or {}).get("other_name", ""), 80),
    )
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, program=program, kind=kind, key=key, url=url, title=title
            )
    except IntegrityError:
        return None  # told already: same (recipient, key)
    channel = outside_channel(kind=kind, chosen=chosen, explicit=bool(explicit), recipient=person)
    if channel is not None:
        eta = delivery_eta(kind=kind, recipient=person)
        delivery = Delivery.objects.create(
            notification=notification, channel=channel, due_at=eta or timezone.now()
        )
        enqueue_after_commit([(delivery.pk, eta)])
    return notification


def notification_mark_read(*, notification: Notification) -> None:
    """The caller has checked it is the person's own (selectors.notification_get_for_user)."""
    Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())
