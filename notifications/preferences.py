"""Writes of people's choices: per-kind channels, quiet hours and phone, check-in reminders,
and the email unsubscribe link. Re-exported by notifications.services."""

from datetime import time

from django.db import transaction

from accounts.models import Membership, User

from .kinds import Channel, kind_get
from .models import CheckinReminder, NotificationPreference, NotificationSettings
from .rendering import unsubscribe_token_read


@transaction.atomic
def preference_set(*, user: User, kind: str, channel: str) -> NotificationPreference:
    if channel == Channel.SMS and not kind_get(kind).sms_allowed:
        raise ValueError(f"text messages are not offered for {kind}")
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"channel": channel}
    )
    return preference


@transaction.atomic
def settings_set(
    *,
    user: User,
    quiet_start: time | None,
    quiet_end: time | None,
    phone_number: str,
    sms_opt_in: bool,
) -> NotificationSettings:
    """`phone_number` has been validated (notifications.sms.validate_phone_number)."""
    if (quiet_start is None) != (quiet_end is None):
        raise ValueError("quiet hours need both a start and an end")
    row, _ = NotificationSettings.objects.update_or_create(
        user=user,
        defaults={
            "quiet_start": quiet_start,
            "quiet_end": quiet_end,
            "phone_number": phone_number,
            "sms_opt_in": sms_opt_in and bool(phone_number),
        },
    )
    return row


@transaction.atomic
def checkin_reminder_set(
    *, membership: Membership, enabled: bool, local_time: time, days: list[int]
) -> CheckinReminder:
    if not membership.is_mentee:
        raise ValueError("check-in reminders are for mentees")
    days = sorted({int(d) for d in days if 0 <= int(d) <= 6})
    reminder, _ = CheckinReminder.objects.update_or_create(
        membership=membership,
        defaults={"enabled": enabled, "local_time": local_time, "days": days},
    )
    return reminder


def unsubscribe(token: str) -> NotificationPreference:
    """Turns one kind's email off for the person the signed token names.

    Raises django.core.signing.BadSignature (SignatureExpired) for a tampered or old
    token, or User.DoesNotExist / KeyError for one that names nobody or no kind."""
    user_id, kind = unsubscribe_token_read(token)
    kind_get(kind)
    user = User.objects.get(pk=user_id)
    current = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("channel", flat=True)
        .first()
    )
    if current in (Channel.OFF, Channel.IN_APP, Channel.SMS):
        return NotificationPreference.objects.get(user=user, kind=kind)
    return preference_set(user=user, kind=kind, channel=Channel.IN_APP)
