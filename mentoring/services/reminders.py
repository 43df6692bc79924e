"""The windowed sweeps of mentoring: check-in and meeting reminders, which fire at a
wall-clock minute. The state-based ones (the mentor's "no check-in" nudge, the coordinators'
"pair stalled" notice) are in `nudges.py`, the weekly digest in `digest.py`, and the checks
made again at send time in `reminder_checks.py`.

Each sweep selects what is due in a few queries over the whole database and hands rows to
`notifications_send_bulk` (batches of 1,000); the dedupe key of each row makes a second run
over the same window, or a second beat, store nothing new.
"""

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse

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


class Links:
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
            # As text: 100,000 reminders share a handful of day lists, each parsed once below
            # (the JSON field's converter would parse every row).
            Cast("days", TextField()),
        )
        .order_by()
    )
    # (zone, minute) -> [(local date, weekday)]: a row's due dates without a scan of `due`.
    dates_of: dict[tuple[str, time], list[tuple[date, int]]] = defaultdict(list)
    for (zone, local_date), minutes in due.items():
        for minute, weekday in minutes.items():
            dates_of[(zone, minute)].append((local_date, weekday))
    link = Links("checkins:index")
    day_lists: dict[str, set[int]] = {}
    for (
        membership_id,
        user_id,
        program_id,
        slug,
        zone,
        local_time,
        days_text,
    ) in candidates.iterator(chunk_size=2000):
        days = day_lists.get(days_text)
        if days is None:
            days = day_lists[days_text] = set(json.loads(days_text))
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
    link = Links("meetings:index")
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
