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


# The same checks for a chunk of deliveries (notifications.delivery_batch): one query each,
# returning the ids of the notifications still relevant.


def _parsed(notifications, parse) -> tuple[set[int], dict]:
    """(ids of those whose key is not a sweep's: nothing to check, {id: parse(parts)})."""
    unchecked, parsed = set(), {}
    for notification in notifications:
        parts = _key_parts(notification)
        try:
            parsed[notification.pk] = parse(parts)
        except (TypeError, ValueError):
            unchecked.add(notification.pk)
    return unchecked, parsed


def meeting_reminders_still_relevant(notifications) -> set[int]:
    relevant, parsed = _parsed(
        notifications,
        lambda parts: (
            parts[0],
            datetime.strptime(parts[1], "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC),
        ),
    )
    starts = dict(
        Meeting.objects.filter(
            pk__in={meeting_id for meeting_id, _ in parsed.values()},
            status=Meeting.Status.CONFIRMED,
            pairing__status__in=Pairing.CURRENT,
        ).values_list("pk", "starts_at")
    )
    for notification_id, (meeting_id, slot) in parsed.items():
        actual = starts.get(meeting_id)
        if actual is not None and slot <= actual < slot + timedelta(minutes=1):
            relevant.add(notification_id)
    return relevant


def checkin_reminders_still_relevant(notifications) -> set[int]:
    relevant, parsed = _parsed(
        notifications, lambda parts: (parts[0], date.fromisoformat(parts[1]))
    )
    checked_in = set(
        CheckIn.objects.filter(
            membership_id__in={membership_id for membership_id, _ in parsed.values()},
            date__in={day for _, day in parsed.values()},
        ).values_list("membership_id", "date")
    )
    return relevant | {pk for pk, slot in parsed.items() if slot not in checked_in}


def no_checkin_nudges_still_relevant(notifications) -> set[int]:
    relevant, parsed = _parsed(notifications, lambda parts: parts[0])
    current = set(
        Pairing.objects.filter(
            mentee_id__in=set(parsed.values()), status__in=Pairing.CURRENT
        ).values_list("mentee_id", "mentor__user_id")
    )
    by_pk = {n.pk: n for n in notifications}
    return relevant | {
        pk for pk, mentee_id in parsed.items() if (mentee_id, by_pk[pk].recipient_id) in current
    }


def pairs_stalled_still_relevant(notifications) -> set[int]:
    relevant, parsed = _parsed(notifications, lambda parts: parts[0])
    active = set(
        Pairing.objects.filter(
            pk__in=set(parsed.values()), status=Pairing.Status.ACTIVE
        ).values_list("pk", flat=True)
    )
    return relevant | {pk for pk, pairing_id in parsed.items() if pairing_id in active}


RELEVANCE_CHECKS = {
    "checkin_reminder": (checkin_reminder_still_relevant, checkin_reminders_still_relevant),
    "meeting_reminder_24h": (meeting_reminder_still_relevant, meeting_reminders_still_relevant),
    "meeting_reminder_1h": (meeting_reminder_still_relevant, meeting_reminders_still_relevant),
    "no_checkin_nudge": (no_checkin_nudge_still_relevant, no_checkin_nudges_still_relevant),
    "pair_stalled": (pair_stalled_still_relevant, pairs_stalled_still_relevant),
}
