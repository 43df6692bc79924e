"""The periodic sweep of matching: a proposal still waiting for an answer."""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from notifications.schedule import instant_slot_key
from notifications.services import BulkRow, notifications_send_bulk

from ..models import MatchingSettings, Pairing

# A proposal expiring sooner than the reminder delay is reminded of this long before it ends.
BEFORE_EXPIRY = timedelta(days=1)
DEFAULT_REMINDER_DAYS = MatchingSettings._meta.get_field("proposal_reminder_days").default


def _waiting_rows(now: datetime) -> Iterator[BulkRow]:
    proposals = list(
        Pairing.objects.filter(
            status=Pairing.Status.PROPOSED,
            expires_at__gt=now,
            mentee__status=Membership.Status.ACTIVE,
            mentor__status=Membership.Status.ACTIVE,
        )
        .select_related("program", "mentee", "mentor")
        .only(
            "pk",
            "proposed_at",
            "expires_at",
            "mentee_accepted_at",
            "mentor_accepted_at",
            "program__slug",
            "mentee__user_id",
            "mentor__user_id",
        )
        .order_by()
    )
    reminder_days = dict(
        MatchingSettings.objects.filter(
            program_id__in={p.program_id for p in proposals}
        ).values_list("program_id", "proposal_reminder_days")
    )
    for pairing in proposals:
        days = reminder_days.get(pairing.program_id, DEFAULT_REMINDER_DAYS)
        remind_at = min(
            pairing.proposed_at + timedelta(days=days), pairing.expires_at - BEFORE_EXPIRY
        )
        if remind_at > now:
            continue
        url = reverse(
            "matching:pairing_detail",
            kwargs={"program_slug": pairing.program.slug, "pairing_id": pairing.pk},
        )
        waiting_for = []
        if pairing.mentee_accepted_at is None:
            waiting_for.append(pairing.mentee.user_id)
        if pairing.mentor_accepted_at is None:
            waiting_for.append(pairing.mentor.user_id)
        for user_id in waiting_for:
            yield BulkRow(
                recipient_id=user_id,
                kind="pairing_waiting",
                key=instant_slot_key("pairing_waiting", pairing.pk, pairing.proposed_at),
                url=url,
                program_id=pairing.program_id,
            )


def waiting_proposals_remind(*, now: datetime | None = None) -> int:
    """Reminds whoever has yet to answer a proposal, once per proposal: after the program's
    `proposal_reminder_days` (3 unless set), or one day before the proposal expires if that
    comes first (proposals expire after 3 days unless set). Returns how many were stored."""
    return notifications_send_bulk(_waiting_rows(now or timezone.now()))


def waiting_proposal_still_relevant(notification) -> bool:
    """Checked again at send time: the proposal is still open and the person still has to
    answer it."""
    parts = notification.key.split(":", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return True  # not the sweep's key: nothing to check again
    pairing_id = int(parts[1])
    pairing = Pairing.objects.filter(
        pk=pairing_id, status=Pairing.Status.PROPOSED, expires_at__gt=timezone.now()
    ).first()
    if pairing is None:
        return False
    if pairing.mentee_accepted_at is None and pairing.mentee.user_id == notification.recipient_id:
        return True
    return (
        pairing.mentor_accepted_at is None and pairing.mentor.user_id == notification.recipient_id
    )


def waiting_proposals_still_relevant(notifications) -> set[int]:
    """`waiting_proposal_still_relevant` for a chunk of deliveries, in one query: the ids of
    the notifications still relevant."""
    relevant, pairing_ids = set(), {}
    for notification in notifications:
        parts = notification.key.split(":", 2)
        if len(parts) != 3 or not parts[1].isdigit():
            relevant.add(notification.pk)
        else:
            pairing_ids[notification.pk] = int(parts[1])
    still_waiting = {}
    for pairing_id, mentee_user, mentee_done, mentor_user, mentor_done in Pairing.objects.filter(
        pk__in=set(pairing_ids.values()),
        status=Pairing.Status.PROPOSED,
        expires_at__gt=timezone.now(),
    ).values_list(
        "pk", "mentee__user_id", "mentee_accepted_at", "mentor__user_id", "mentor_accepted_at"
    ):
        still_waiting[pairing_id] = {
            user_id
            for user_id, answered in ((mentee_user, mentee_done), (mentor_user, mentor_done))
            if answered is None
        }
    by_pk = {n.pk: n for n in notifications}
    return relevant | {
        pk
        for pk, pairing_id in pairing_ids.items()
        if by_pk[pk].recipient_id in still_waiting.get(pairing_id, ())
    }
