"""The periodic sweeps of mentoring: check-in and meeting reminders (windowed: they fire at a
wall-clock minute), the mentor's "no check-in" nudge and the coordinators' "pair stalled"
notice (state-based: once per quiet period). The weekly digest is in `digest.py`.

Each sweep selects what is due in a few queries over the whole database and hands rows to
`notifications_send_bulk` (batches of 1,000); the dedupe key of each row makes a second run
over the same window, or a second beat, store nothing new.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Profile, Role
from matching.models import Pairing
from notifications.models import CheckinReminder
from notifications.schedule import due_local_times, instant_slot_key, slot_key
from notifications.services import BulkRow, notifications_send_bulk

from ..models import CheckIn, Meeting

MEETING_REMINDER_LEADS = {
    "meeting_reminder_24h": timedelta(hours=24),
    "meeting_reminder_1h": timedelta(hours=1),
}


class _Links:
    """One reverse() per program and page, not one per reminder."""

    def __init__(self, view_name: str):
        self.view_name = view_name
        self.cache: dict[str, str] = {}

    def __call__(self, slug: str) -> str:
        if slug not in self.cache:
            self.cache[slug] = reverse(self.view_name, kwargs={"program_slug": slug})
        return self.cache[slug]


def _due_by_zone(window_start: datetime, window_end: datetime) -> dict[tuple[str, date], dict]:
    """{(zone, local date): {local time: ISO weekday}} of the minutes that fire in the window,
    for every zone someone with an enabled reminder lives in (one query)."""
    zones = (
        Profile.objects.filter(
            user__memberships__checkin_reminder__enabled=True,
            user__memberships__status=Membership.Status.ACTIVE,
        )
        .values_list("time_zone", flat=True)
        .distinct()
    )
    due: dict[tuple[str, date], dict] = defaultdict(dict)
    for zone in zones:
        for local_date, local_time, weekday in due_local_times(zone, window_start, window_end):
            due[(zone, local_date)][local_time] = weekday
    return due


def _checkin_reminder_rows(window_start: datetime, window_end: datetime) -> Iterator[BulkRow]:
    due = _due_by_zone(window_start, window_end)
    if not due:
        return
    # One OR of (zone, local date, minutes) branches; each branch leaves out the mentees who
    # already checked in on that local date.
    condition = Q()
    for (zone, local_date), minutes in due.items():
        condition |= Q(
            Q(membership__user__profile__time_zone=zone, local_time__in=list(minutes)),
            ~Exists(
                CheckIn.objects.filter(membership_id=OuterRef("membership_id"), date=local_date)
            ),
        )
    candidates = (
        CheckinReminder.objects.filter(
            condition,
            enabled=True,
            membership__role=Role.MENTEE,
            membership__status=Membership.Status.ACTIVE,
            membership__user__is_active=True,
        )
        .values_list(
            "membership_id",
            "membership__user_id",
            "membership__program_id",
            "membership__program__slug",
            "membership__user__profile__time_zone",
            "local_time",
            "days",
        )
        .order_by()
    )
    # (zone, minute) -> [(local date, weekday)]: a row's due dates without a scan of `due`.
    dates_of: dict[tuple[str, time], list[tuple[date, int]]] = defaultdict(list)
    for (zone, local_date), minutes in due.items():
        for minute, weekday in minutes.items():
            dates_of[(zone, minute)].append((local_date, weekday))
    link = _Links("checkins:index")
    for membership_id, user_id, program_id, slug, zone, local_time, days in candidates.iterator(
        chunk_size=2000
    ):
        for local_date, weekday in dates_of[(zone, time(local_time.hour, local_time.minute))]:
            # Days are 0 = Monday; the schedule's weekdays are ISO (1 = Monday).
            if weekday - 1 in days:
                yield BulkRow(
                    recipient_id=user_id,
                    kind="checkin_reminder",
                    key=slot_key("checkin_reminder", membership_id, local_date),
                    url=link(slug),
                    program_id=program_id,
                )


def checkin_reminders_send(*, window_start: datetime, window_end: datetime) -> int:
    """Reminds each active mentee whose reminder time (in their own time zone, on one of their
    days) fires in [window_start, window_end) and who has not checked in that local day.
    Returns how many new reminders were stored."""
    return notifications_send_bulk(_checkin_reminder_rows(window_start, window_end))


def _meeting_reminder_rows(window_start: datetime, window_end: datetime) -> Iterator[BulkRow]:
    link = _Links("meetings:index")
    for kind, lead in MEETING_REMINDER_LEADS.items():
        # Only confirmed meetings: a proposal may never happen, and a moved meeting goes back
        # to "proposed" until the other person confirms the new time.
        meetings = (
            Meeting.objects.filter(
                status=Meeting.Status.CONFIRMED,
                starts_at__gte=window_start + lead,
                starts_at__lt=window_end + lead,
                pairing__status__in=Pairing.CURRENT,
            )
            .values_list(
                "pk",
                "starts_at",
                "pairing__program_id",
                "pairing__program__slug",
                "pairing__mentee__user_id",
                "pairing__mentor__user_id",
            )
            .order_by()
        )
        for meeting_id, starts_at, program_id, slug, mentee_user, mentor_user in meetings.iterator(
            chunk_size=2000
        ):
            url = f"{link(slug)}{meeting_id}/"
            for user_id in (mentee_user, mentor_user):
                yield BulkRow(
                    recipient_id=user_id,
                    kind=kind,
                    key=instant_slot_key(kind, meeting_id, starts_at),
                    url=url,
                    program_id=program_id,
                )


def meeting_reminders_send(*, window_start: datetime, window_end: datetime) -> int:
    """Reminds both people of a confirmed meeting of a current pairing 24 hours and 1 hour
    before it starts, when that moment falls in [window_start, window_end). The key holds the
    start time, so a meeting moved and confirmed again is reminded of at its new time."""
    return notifications_send_bulk(_meeting_reminder_rows(window_start, window_end))


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
    link = _Links("matching_coord:board")
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


# Checks made again when a queued reminder's turn to be sent comes (notifications.delivery):
# what was due when the sweep ran may have changed since.


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
