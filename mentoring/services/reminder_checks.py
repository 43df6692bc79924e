"""Checks made again when a queued reminder's turn to be sent comes (registered with
`notifications.delivery.relevance_check_register` in `MentoringConfig.ready`): what was due
when the sweep ran may have changed since (quiet hours or a busy worker delay a delivery)."""

from datetime import UTC, date, datetime, timedelta

from matching.models import Pairing

from ..models import CheckIn, Meeting


def _key_parts(notification) -> tuple[int, str] | None:
    """(object id, slot) of a key the sweeps made; None for another shape of key."""
    parts = notification.key.split(":", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return int(parts[1]), parts[2]


def meeting_reminder_still_relevant(notification) -> bool:
    """The meeting is still confirmed, at the same time, and its pairing still current."""
    parts = _key_parts(notification)
    try:
        starts = datetime.strptime(parts[1], "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return True  # not a sweep's key: nothing to check again
    return Meeting.objects.filter(
        pk=parts[0],
        status=Meeting.Status.CONFIRMED,
        starts_at__gte=starts,
        starts_at__lt=starts + timedelta(minutes=1),
        pairing__status__in=Pairing.CURRENT,
    ).exists()


def checkin_reminder_still_relevant(notification) -> bool:
    """Not checked in that day since the reminder was queued (quiet hours may delay it)."""
    parts = _key_parts(notification)
    try:
        local_date = date.fromisoformat(parts[1])
    except (TypeError, ValueError):
        return True
    return not CheckIn.objects.filter(membership_id=parts[0], date=local_date).exists()


def no_checkin_nudge_still_relevant(notification) -> bool:
    """The recipient is still the mentee's mentor."""
    parts = _key_parts(notification)
    if parts is None:
        return True
    return Pairing.objects.filter(
        mentee_id=parts[0], mentor__user_id=notification.recipient_id, status__in=Pairing.CURRENT
    ).exists()


def pair_stalled_still_relevant(notification) -> bool:
    parts = _key_parts(notification)
    if parts is None:
        return True
    return Pairing.objects.filter(pk=parts[0], status=Pairing.Status.ACTIVE).exists()


RELEVANCE_CHECKS = {
    "checkin_reminder": checkin_reminder_still_relevant,
    "meeting_reminder_24h": meeting_reminder_still_relevant,
    "meeting_reminder_1h": meeting_reminder_still_relevant,
    "no_checkin_nudge": no_checkin_nudge_still_relevant,
    "pair_stalled": pair_stalled_still_relevant,
}
