"""A meeting or event stored with a date Python can't convert (written before the date bounds,
or by raw SQL) must not break a page: both homes, the meeting pages, the mentor's mentee
detail, both calendar feeds, the admin, and cancelling it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.urls import reverse
from icalendar import Calendar

from accounts.dates import SAFE_MAX, SAFE_MIN
from mentoring import services
from mentoring.models import Event, Meeting, RecoveryPeriod
from tests.factories import (
    EventFactory,
    GoalFactory,
    MeetingFactory,
    RecoveryPeriodFactory,
    admin_url,
)

# Values PostgreSQL stores and Python can't read (year 10000, 1 BC), then values both store
# that overflow once shown in a time zone (+14 h, -10 h).
POSTGRES_ONLY = ["10000-01-01 02:00:00+00", "0001-12-31 15:30:00+00 BC"]
EDGES = ["9999-12-31 23:30:00+00", "0001-01-01 00:30:00+00"]


def store_raw(table: str, column: str, pk: int, value: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            value = value.removesuffix("+00")
        # Table and column are this module's constants; the value is a parameter.
        sql = f"UPDATE {table} SET {column} = %s WHERE id = %s"  # noqa: S608
        cursor.execute(sql, [value, pk])


def values_for_backend() -> list[str]:
    return EDGES + (POSTGRES_ONLY if connection.vendor == "postgresql" else [])


def set_zone(membership, zone: str) -> None:
    membership.user.profile.time_zone = zone
    membership.user.profile.save()


def pages(pairing, mentee, mentor) -> list[tuple[object, str]]:
    slug = mentee.program.slug
    return [
        (mentee, reverse("program_home", args=[slug])),
        (mentor, reverse("program_home", args=[slug])),
        (mentee, reverse("meetings:index", args=[slug])),
        (mentor, reverse("meetings:index", args=[slug])),
        (mentor, reverse("mentor:detail", args=[slug, mentee.pk])),
        (mentee, reverse("events:index", kwargs={"program_slug": slug})),
    ]


@pytest.mark.parametrize("zones", [("Pacific/Kiritimati", "Pacific/Honolulu")])
@pytest.mark.django_db
def test_pages_feeds_and_cancel_survive_a_stored_meeting_out_of_range(
    login, client, pairing, mentee, mentor, zones
):
    set_zone(mentee, zones[0])
    set_zone(mentor, zones[1])
    slug = mentee.program.slug
    for value in values_for_backend():
        meeting = MeetingFactory(pairing=pairing)
        event = EventFactory(program=mentee.program)
        store_raw("mentoring_meeting", "starts_at", meeting.pk, value)
        store_raw("mentoring_event", "starts_at", event.pk, value)

        stored = Meeting.objects.get(pk=meeting.pk).starts_at
        assert SAFE_MIN <= stored <= SAFE_MAX, value
        for who, url in pages(pairing, mentee, mentor):
            assert login(who).get(url).status_code == 200, (value, url)
        for who in (mentee, mentor):
            client = login(who)
            detail = reverse("meetings:detail", args=[slug, meeting.pk])
            assert client.get(detail).status_code == 200, value
            ics = client.get(reverse("meetings:ics", args=[slug, meeting.pk]))
            assert ics.status_code == 200
            Calendar.from_ical(ics.content)
            feed = client.get(
                reverse("feed:ics", args=[services.calendar_feed_regenerate(user=who.user).token])
            )
            assert feed.status_code == 200, value
            Calendar.from_ical(feed.content)
        event_ics = login(mentee).get(
            reverse("events:ics", kwargs={"program_slug": slug, "event_id": event.pk})
        )
        assert event_ics.status_code == 200
        Calendar.from_ical(event_ics.content)

        response = login(mentor).post(
            reverse("meetings:cancel", args=[slug, meeting.pk]),
            {"cancel-reason": "Something came up"},
        )
        assert response.status_code in (200, 302), value
        assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED
        Event.objects.filter(pk=event.pk).delete()


@pytest.mark.django_db
def test_admin_lists_and_opens_a_stored_meeting_out_of_range(operator, pairing):
    meeting = MeetingFactory(pairing=pairing)
    event = EventFactory()
    for value in values_for_backend():
        store_raw("mentoring_meeting", "starts_at", meeting.pk, value)
        store_raw("mentoring_event", "starts_at", event.pk, value)
        for url in (
            admin_url(Meeting, "changelist"),
            admin_url(meeting, "change", meeting.pk),
            admin_url(Event, "changelist"),
            admin_url(event, "change", event.pk),
        ):
            assert operator.get(url).status_code == 200, (value, url)


@pytest.mark.django_db
def test_a_stored_date_out_of_range_reads_clamped(mentee):
    period = RecoveryPeriodFactory(membership=mentee)
    value = "10000-01-01" if connection.vendor == "postgresql" else "9999-12-31"
    store_raw("mentoring_recoveryperiod", "started_on", period.pk, value)
    assert RecoveryPeriod.objects.get(pk=period.pk).started_on == SAFE_MAX.date()
    store_raw("mentoring_recoveryperiod", "started_on", period.pk, "0001-01-01")
    assert RecoveryPeriod.objects.get(pk=period.pk).started_on == SAFE_MIN.date()
    # An ordinary date reads unchanged.
    store_raw("mentoring_recoveryperiod", "started_on", period.pk, "2024-02-29")
    assert RecoveryPeriod.objects.get(pk=period.pk).started_on == date(2024, 2, 29)
    assert datetime(2024, 2, 29, tzinfo=UTC) < SAFE_MAX


@pytest.mark.parametrize("value", ["far_future", "0001-01-01"])
@pytest.mark.django_db
def test_pages_survive_stored_recovery_and_goal_dates_out_of_range(
    login, pairing, mentee, mentor, value
):
    if value == "far_future":
        value = "10000-01-01" if connection.vendor == "postgresql" else "9999-12-31"
    set_zone(mentee, "Pacific/Kiritimati")
    period = RecoveryPeriodFactory(membership=mentee)
    goal = GoalFactory(membership=mentee)
    store_raw("mentoring_recoveryperiod", "started_on", period.pk, value)
    store_raw("mentoring_goal", "target_date", goal.pk, value)
    services.recovery_settings_update(membership=mentee, show_counter=True, share_with_mentor=True)
    slug = mentee.program.slug
    for who, url in [
        (mentee, reverse("program_home", args=[slug])),
        (mentee, reverse("recovery:index", args=[slug])),
        (mentee, reverse("goals:index", args=[slug])),
        (mentee, reverse("goals:detail", args=[slug, goal.pk])),
        (mentor, reverse("program_home", args=[slug])),
        (mentor, reverse("mentor:detail", args=[slug, mentee.pk])),
    ]:
        assert login(who).get(url).status_code == 200, (value, url)
