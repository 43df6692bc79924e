"""The state-based sweeps of mentoring, run hourly: the mentor's "no check-in" nudge and the
coordinators' "pair stalled" notice, each once per quiet period (the program's dashboard
thresholds), whatever the number of runs."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from matching.models import Pairing
from notifications.schedule import slot_key
from notifications.services import BulkRow, notifications_send_bulk

from .reminders import Links


def _local_today(zone: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(zone)).date()


def _period_start(quiet_since: date, today: date, period_days: int) -> date | None:
    """The start of the current quiet period of `period_days`, or None before the first ends:
    quiet since the 1st with a 7-day threshold -> the 8th, then the 15th, ..."""
    quiet_days = (today - quiet_since).days
    if quiet_days < period_days:
        return None
    return quiet_since + timedelta(days=period_days * (quiet_days // period_days))


def _no_checkin_rows(now: datetime) -> Iterator[BulkRow]:
    pairings = (
        Pairing.objects.filter(
            status=Pairing.Status.ACTIVE,
            mentee__status=Membership.Status.ACTIVE,
            mentor__status=Membership.Status.ACTIVE,
        )
        .annotate(last_checkin=Max("mentee__checkins__date"))
        .values_list(
            "mentee_id",
            "mentor__user_id",
            "program_id",
            "program__slug",
            "program__time_zone",
            "program__settings",
            "activated_at",
            "proposed_at",
            "last_checkin",
            "mentee__user__profile__display_name",
        )
        .order_by()
    )
    for row in pairings.iterator(chunk_size=2000):
        mentee_id, mentor_user, program_id, slug, zone, settings, activated, proposed = row[:8]
        last_checkin, mentee_name = row[8:]
        threshold = settings.get("flag_no_checkin_days", 7) if settings else 7
        today = _local_today(zone, now)
        # A mentee who never checked in (with this mentor) counts from the pairing's start.
        started = (activated or proposed).astimezone(ZoneInfo(zone)).date()
        since = max(last_checkin, started) if last_checkin else started
        period = _period_start(since, today, threshold)
        if period is None:
            continue
        yield BulkRow(
            recipient_id=mentor_user,
            kind="no_checkin_nudge",
            key=slot_key("no_checkin_nudge", mentee_id, period),
            url=reverse("mentor:detail", kwargs={"program_slug": slug, "mentee_id": mentee_id}),
            program_id=program_id,
            context={"other_name": mentee_name or ""},
        )


def no_checkin_nudges_send(*, now: datetime | None = None) -> int:
    """Tells a mentor when their mentee has not checked in for the program's dashboard
    threshold (7 days unless set), counting from the start of the pairing for a mentee who
    never checked in; once per mentee per quiet period of that length."""
    return notifications_send_bulk(_no_checkin_rows(now or timezone.now()))


def _stalled_rows(now: datetime) -> Iterator[BulkRow]:
    pairings = list(
        Pairing.objects.filter(status=Pairing.Status.ACTIVE)
        .annotate(
            last_logged=Max("meetings__starts_at", filter=Q(meetings__logged_at__isnull=False))
        )
        .values_list(
            "pk",
            "program_id",
            "program__slug",
            "program__time_zone",
            "program__settings",
            "activated_at",
            "proposed_at",
            "last_logged",
        )
        .order_by()
    )
    due: dict[int, list[tuple[int, date, str]]] = defaultdict(list)
    for pairing_id, program_id, slug, zone, settings, activated, proposed, last_logged in pairings:
        threshold = settings.get("flag_no_meeting_days", 14) if settings else 14
        local = ZoneInfo(zone)
        started = (activated or proposed).astimezone(local).date()
        since = max(last_logged.astimezone(local).date(), started) if last_logged else started
        period = _period_start(since, _local_today(zone, now), threshold)
        if period is not None:
            due[program_id].append((pairing_id, period, slug))
    if not due:
        return
    coordinators = defaultdict(list)
    for program_id, user_id in Membership.objects.filter(
        program_id__in=list(due), role=Role.COORDINATOR, status=Membership.Status.ACTIVE
    ).values_list("program_id", "user_id"):
        coordinators[program_id].append(user_id)
    link = Links("matching_coord:board")
    for program_id, stalled in due.items():
        for pairing_id, period, slug in stalled:
            for user_id in coordinators[program_id]:
                yield BulkRow(
                    recipient_id=user_id,
                    kind="pair_stalled",
                    key=slot_key("pair_stalled", pairing_id, period),
                    url=link(slug),
                    program_id=program_id,
                )


def stalled_pairs_send(*, now: datetime | None = None) -> int:
    """Tells a program's coordinators about each active pair with no meeting logged for the
    program's threshold (14 days unless set); once per pairing per quiet period."""
    return notifications_send_bulk(_stalled_rows(now or timezone.now()))
