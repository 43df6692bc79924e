"""Reminder time arithmetic, with fixed clocks on both sides of daylight-saving switches."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notifications.schedule import (
    due_local_times,
    in_quiet_hours,
    instant_slot_key,
    local_minute_now,
    occurrence_utc,
    slot_key,
    weekly_due,
)

NEW_YORK = "America/New_York"
ZONES = [
    NEW_YORK,
    "America/Chicago",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Australia/Adelaide",  # half-hour offset with DST
    "Australia/Lord_Howe",  # half-hour DST shift
    "Asia/Kathmandu",  # quarter-hour offset
    "Europe/London",
]
# Dates around the 2026 switches of the zones above, plus ordinary days.
INTERESTING_DATES = [
    date(2026, 3, 7),
    date(2026, 3, 8),
    date(2026, 3, 28),
    date(2026, 3, 29),
    date(2026, 4, 4),
    date(2026, 4, 5),
    date(2026, 6, 15),
    date(2026, 10, 3),
    date(2026, 10, 4),
    date(2026, 10, 24),
    date(2026, 10, 25),
    date(2026, 10, 31),
    date(2026, 11, 1),
    date(2026, 12, 31),
]


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def minutes_at(due, local_time):
    return [(day, weekday) for day, minute, weekday in due if minute == local_time]


# local_minute_now


def test_local_minute_drops_seconds_and_gives_iso_weekday():
    assert local_minute_now(NEW_YORK, utc(2026, 3, 9, 23, 5, 59, 999)) == (
        date(2026, 3, 9),
        time(19, 5),
        1,
    )


def test_local_minute_crosses_midnight_backwards_and_forwards():
    # 02:00 UTC on a Monday is still Sunday evening in Los Angeles...
    assert local_minute_now("America/Los_Angeles", utc(2026, 6, 15, 2, 0)) == (
        date(2026, 6, 14),
        time(19, 0),
        7,
    )
    # ...and already Monday morning in Sydney for 20:00 UTC on Sunday.
    assert local_minute_now("Australia/Sydney", utc(2026, 6, 14, 20, 0)) == (
        date(2026, 6, 15),
        time(6, 0),
        1,
    )


def test_local_minute_without_dst_and_in_half_hour_zone():
    assert local_minute_now("Asia/Kolkata", utc(2026, 3, 8, 13, 30)) == (
        date(2026, 3, 8),
        time(19, 0),
        7,
    )
    assert local_minute_now("Asia/Kathmandu", utc(2026, 3, 8, 13, 15)) == (
        date(2026, 3, 8),
        time(19, 0),
        7,
    )


def test_naive_and_unknown_input_is_refused():
    with pytest.raises(ValueError):
        local_minute_now(NEW_YORK, datetime(2026, 3, 8, 12, 0))
    with pytest.raises(ZoneInfoNotFoundError):
        local_minute_now("Mars/Olympus_Mons", utc(2026, 3, 8, 12, 0))


# occurrence_utc


@pytest.mark.parametrize(
    ("zone", "day", "local_time", "expected"),
    [
        # Standard time before the switch, daylight time after it.
        (NEW_YORK, date(2026, 3, 7), time(19, 0), utc(2026, 3, 8, 0, 0)),
        (NEW_YORK, date(2026, 3, 8), time(19, 0), utc(2026, 3, 8, 23, 0)),
        ("America/Chicago", date(2026, 3, 7), time(19, 0), utc(2026, 3, 8, 1, 0)),
        ("America/Chicago", date(2026, 3, 8), time(19, 0), utc(2026, 3, 9, 0, 0)),
        ("America/Los_Angeles", date(2026, 10, 31), time(19, 0), utc(2026, 11, 1, 2, 0)),
        ("America/Los_Angeles", date(2026, 11, 1), time(19, 0), utc(2026, 11, 2, 3, 0)),
        # Southern hemisphere: Sydney leaves daylight time in April, enters it in October.
        ("Australia/Sydney", date(2026, 4, 4), time(19, 0), utc(2026, 4, 4, 8, 0)),
        ("Australia/Sydney", date(2026, 4, 5), time(19, 0), utc(2026, 4, 5, 9, 0)),
        ("Australia/Sydney", date(2026, 10, 3), time(19, 0), utc(2026, 10, 3, 9, 0)),
        ("Australia/Sydney", date(2026, 10, 4), time(19, 0), utc(2026, 10, 4, 8, 0)),
        ("Asia/Kolkata", date(2026, 3, 8), time(19, 0), utc(2026, 3, 8, 13, 30)),
    ],
)
def test_occurrence_follows_the_offset_of_that_day(zone, day, local_time, expected):
    assert occurrence_utc(zone, day, local_time) == expected


def test_skipped_time_runs_at_the_first_minute_after_the_gap():
    # 02:30 does not exist in New York on 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
    assert occurrence_utc(NEW_YORK, date(2026, 3, 8), time(2, 30)) == utc(2026, 3, 8, 7, 0)
    assert occurrence_utc(NEW_YORK, date(2026, 3, 8), time(2, 0)) == utc(2026, 3, 8, 7, 0)
    assert occurrence_utc(NEW_YORK, date(2026, 3, 8), time(3, 0)) == utc(2026, 3, 8, 7, 0)
    # Sydney skips 02:00-02:59 on 2026-10-04.
    assert occurrence_utc("Australia/Sydney", date(2026, 10, 4), time(2, 30)) == utc(
        2026, 10, 3, 16, 0
    )


def test_repeated_time_means_its_first_occurrence():
    # 01:30 happens twice in New York on 2026-11-01: 05:30 UTC (EDT) and 06:30 UTC (EST).
    assert occurrence_utc(NEW_YORK, date(2026, 11, 1), time(1, 30)) == utc(2026, 11, 1, 5, 30)
    # Sydney repeats 02:00-02:59 on 2026-04-05.
    assert occurrence_utc("Australia/Sydney", date(2026, 4, 5), time(2, 30)) == utc(
        2026, 4, 4, 15, 30
    )


def test_people_in_one_program_get_their_1900_at_different_instants():
    day = date(2026, 3, 10)
    instants = {zone: occurrence_utc(zone, day, time(19, 0)) for zone in ZONES[:5]}
    assert instants == {
        NEW_YORK: utc(2026, 3, 10, 23, 0),
        "America/Chicago": utc(2026, 3, 11, 0, 0),
        "America/Los_Angeles": utc(2026, 3, 11, 2, 0),
        "Australia/Sydney": utc(2026, 3, 10, 8, 0),
        "Asia/Kolkata": utc(2026, 3, 10, 13, 30),
    }
    # And a sweep of the minute 23:00 UTC finds 19:00 in New York only.
    sweep = utc(2026, 3, 10, 23, 0), utc(2026, 3, 10, 23, 1)
    at_1900 = [zone for zone in ZONES if minutes_at(due_local_times(zone, *sweep), time(19, 0))]
    assert at_1900 == [NEW_YORK]


# due_local_times


def test_one_minute_window_returns_that_minute():
    due = due_local_times(NEW_YORK, utc(2026, 3, 10, 23, 0), utc(2026, 3, 10, 23, 1))
    assert due == [(date(2026, 3, 10), time(19, 0), 2)]


def test_window_is_half_open_and_seconds_inside_a_minute_do_not_refire():
    assert due_local_times(NEW_YORK, utc(2026, 3, 10, 23, 0, 1), utc(2026, 3, 10, 23, 1)) == []
    assert due_local_times(NEW_YORK, utc(2026, 3, 10, 22, 59, 30), utc(2026, 3, 10, 23, 0)) == []
    assert due_local_times(NEW_YORK, utc(2026, 3, 10, 23, 0), utc(2026, 3, 10, 23, 0)) == []


def test_seventeen_minute_catch_up_window_returns_every_minute_once():
    due = due_local_times(NEW_YORK, utc(2026, 3, 10, 22, 50), utc(2026, 3, 10, 23, 7))
    assert len(due) == 17
    assert due[0] == (date(2026, 3, 10), time(18, 50), 2)
    assert due[-1] == (date(2026, 3, 10), time(19, 6), 2)
    assert len(set(due)) == 17


def test_window_over_local_midnight_changes_date_and_weekday():
    # Kolkata midnight Sunday -> Monday is 18:30 UTC on Sunday.
    due = due_local_times("Asia/Kolkata", utc(2026, 6, 14, 18, 29), utc(2026, 6, 14, 18, 31))
    assert due == [(date(2026, 6, 14), time(23, 59), 7), (date(2026, 6, 15), time(0, 0), 1)]


def test_spring_forward_window_returns_the_skipped_minutes_with_the_first_valid_one():
    day = date(2026, 3, 8)
    # 06:59 UTC is 01:59 EST; 07:00 UTC is 03:00 EDT.
    before = due_local_times(NEW_YORK, utc(2026, 3, 8, 6, 59), utc(2026, 3, 8, 7, 0))
    assert before == [(day, time(1, 59), 7)]
    at_gap_end = due_local_times(NEW_YORK, utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 7, 1))
    assert at_gap_end == [(day, time(hour, minute), 7) for hour in (2,) for minute in range(60)] + [
        (day, time(3, 0), 7)
    ]
    assert (day, time(2, 30), 7) in at_gap_end
    after = due_local_times(NEW_YORK, utc(2026, 3, 8, 7, 1), utc(2026, 3, 8, 7, 2))
    assert after == [(day, time(3, 1), 7)]


def test_skipped_0230_fires_once_in_a_catch_up_sweep_over_the_gap():
    due = due_local_times(NEW_YORK, utc(2026, 3, 8, 6, 50), utc(2026, 3, 8, 7, 7))
    assert minutes_at(due, time(2, 30)) == [(date(2026, 3, 8), 7)]
    assert minutes_at(due, time(3, 0)) == [(date(2026, 3, 8), 7)]


def test_fall_back_repeated_0130_fires_once_at_the_first_occurrence():
    day = date(2026, 11, 1)
    first = due_local_times(NEW_YORK, utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 5, 31))
    assert first == [(day, time(1, 30), 7)]
    second = due_local_times(NEW_YORK, utc(2026, 11, 1, 6, 30), utc(2026, 11, 1, 6, 31))
    assert second == []
    whole_night = due_local_times(NEW_YORK, utc(2026, 11, 1, 4, 0), utc(2026, 11, 1, 9, 0))
    assert minutes_at(whole_night, time(1, 30)) == [(day, 7)]
    # Five UTC hours hold four distinct local hours: 00, 01 (once), 02, 03.
    assert len(whole_night) == 4 * 60
    assert len(set(whole_night)) == len(whole_night)


def test_sydney_fall_back_in_april_fires_repeated_minutes_once():
    due = due_local_times("Australia/Sydney", utc(2026, 4, 4, 14, 0), utc(2026, 4, 4, 18, 0))
    assert minutes_at(due, time(2, 30)) == [(date(2026, 4, 5), 7)]
    assert len(due) == len(set(due)) == 3 * 60


def test_due_local_times_rejects_naive_windows():
    with pytest.raises(ValueError):
        due_local_times(NEW_YORK, datetime(2026, 3, 8, 7, 0), utc(2026, 3, 8, 7, 1))


window_lengths = st.lists(st.integers(min_value=1, max_value=61), min_size=1, max_size=200)


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    first_day=st.sampled_from(INTERESTING_DATES) | st.dates(date(2026, 1, 1), date(2026, 12, 28)),
    reminder=st.times().map(lambda moment: time(moment.hour, moment.minute)),
    lengths=window_lengths,
    offset_seconds=st.integers(min_value=0, max_value=59),
)
def test_a_daily_reminder_fires_exactly_once_per_local_day(
    zone, first_day, reminder, lengths, offset_seconds
):
    # Sweeps of random lengths (every minute, or catching up) that tile three local days.
    start = occurrence_utc(zone, first_day, time(0, 0)) - timedelta(seconds=offset_seconds)
    end = occurrence_utc(zone, first_day + timedelta(days=3), time(0, 0))
    fired = []
    window_start, index = start, 0
    while window_start < end:
        window_end = min(end, window_start + timedelta(minutes=lengths[index % len(lengths)]))
        fired += due_local_times(zone, window_start, window_end)
        window_start, index = window_end, index + 1
    days = [first_day + timedelta(days=n) for n in range(3)]
    assert minutes_at(fired, reminder) == [(day, day.isoweekday()) for day in days]
    assert len(fired) == len(set(fired)) == 3 * 24 * 60


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.sampled_from(INTERESTING_DATES),
    reminder=st.times().map(lambda moment: time(moment.hour, moment.minute)),
)
def test_a_minute_is_due_exactly_in_the_window_holding_its_occurrence(zone, day, reminder):
    fires_at = occurrence_utc(zone, day, reminder)
    entry = (day, reminder, day.isoweekday())
    assert entry in due_local_times(zone, fires_at, fires_at + timedelta(minutes=1))
    assert entry not in due_local_times(zone, fires_at - timedelta(hours=3), fires_at)
    assert entry not in due_local_times(
        zone, fires_at + timedelta(minutes=1), fires_at + timedelta(hours=3)
    )


# slot keys


def test_slot_keys():
    assert slot_key("checkin_reminder", 42, date(2026, 3, 8)) == "checkin_reminder:42:2026-03-08"
    assert (
        instant_slot_key("meeting_reminder_1h", 17, utc(2026, 3, 8, 14, 0))
        == "meeting_reminder_1h:17:2026-03-08T14:00Z"
    )


def test_instant_slot_key_is_the_same_for_one_instant_in_any_zone():
    in_new_york = datetime(2026, 3, 8, 10, 0, tzinfo=ZoneInfo(NEW_YORK))
    assert instant_slot_key("meeting_reminder_24h", 17, in_new_york) == (
        "meeting_reminder_24h:17:2026-03-08T14:00Z"
    )


def test_slot_keys_refuse_ambiguous_kinds_and_naive_instants():
    with pytest.raises(ValueError):
        slot_key("checkin:reminder", 42, date(2026, 3, 8))
    with pytest.raises(ValueError):
        instant_slot_key("meeting_reminder_1h", 17, datetime(2026, 3, 8, 14, 0))


# quiet hours


def test_no_quiet_hours_set():
    now = utc(2026, 3, 10, 3, 0)
    assert in_quiet_hours(NEW_YORK, None, time(7, 0), now) is None
    assert in_quiet_hours(NEW_YORK, time(22, 0), None, now) is None
    assert in_quiet_hours(NEW_YORK, time(22, 0), time(22, 0), now) is None


def test_quiet_hours_wrapping_midnight():
    quiet = time(22, 0), time(7, 0)
    # 23:00 in New York on March 10 -> quiet until 07:00 EDT March 11 = 11:00 UTC.
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 3, 11, 3, 0)) == utc(2026, 3, 11, 11, 0)
    # 05:00 local -> quiet until 07:00 the same morning.
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 3, 11, 9, 0)) == utc(2026, 3, 11, 11, 0)
    # Edges: 22:00 is quiet, 07:00 is not, noon is not.
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 3, 11, 2, 0)) == utc(2026, 3, 11, 11, 0)
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 3, 11, 11, 0)) is None
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 3, 11, 16, 0)) is None


def test_quiet_hours_within_one_day():
    quiet = time(13, 0), time(15, 30)
    assert in_quiet_hours("Asia/Kolkata", *quiet, utc(2026, 3, 11, 8, 0)) == utc(2026, 3, 11, 10, 0)
    assert in_quiet_hours("Asia/Kolkata", *quiet, utc(2026, 3, 11, 10, 0)) is None
    assert in_quiet_hours("Asia/Kolkata", *quiet, utc(2026, 3, 11, 7, 29)) is None


def test_quiet_hours_over_spring_forward_night_end_one_hour_earlier_in_utc():
    quiet = time(22, 0), time(7, 0)
    # 23:00 EST on March 7 -> 07:00 EDT on March 8 is 11:00 UTC (the night is an hour shorter).
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 3, 8, 4, 0)) == utc(2026, 3, 8, 11, 0)
    # On the night before, 07:00 EST is 12:00 UTC.
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 3, 7, 4, 0)) == utc(2026, 3, 7, 12, 0)


def test_quiet_hours_ending_at_a_skipped_time_end_after_the_gap():
    # Quiet until 02:30, which does not exist on 2026-03-08: they end at 03:00 EDT.
    ends = in_quiet_hours(NEW_YORK, time(22, 0), time(2, 30), utc(2026, 3, 8, 6, 30))
    assert ends == utc(2026, 3, 8, 7, 0)
    assert in_quiet_hours(NEW_YORK, time(22, 0), time(2, 30), utc(2026, 3, 8, 7, 0)) is None


def test_quiet_hours_ending_at_a_repeated_time_end_in_the_future():
    quiet = time(22, 0), time(1, 30)
    # 01:15 EDT (first pass): ends at the first 01:30.
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 11, 1, 5, 15)) == utc(2026, 11, 1, 5, 30)
    # 01:15 EST (second pass): the first 01:30 is gone; they end at the second one.
    assert in_quiet_hours(NEW_YORK, *quiet, utc(2026, 11, 1, 6, 15)) == utc(2026, 11, 1, 6, 30)


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    start=st.times().map(lambda moment: time(moment.hour, moment.minute)),
    end=st.times().map(lambda moment: time(moment.hour, moment.minute)),
    now=st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 31), timezones=st.just(UTC)),
)
def test_quiet_hours_always_end_in_the_future_within_a_day(zone, start, end, now):
    ends = in_quiet_hours(zone, start, end, now)
    if ends is not None:
        assert now < ends <= now + timedelta(hours=25)


# weekly digest


def test_monday_digest_is_due_in_the_programs_zone_only():
    # Monday 2026-03-09 08:00 in New York (EDT, day after the switch) is 12:00 UTC.
    window = utc(2026, 3, 9, 12, 0), utc(2026, 3, 9, 12, 1)
    assert weekly_due(NEW_YORK, 1, time(8, 0), *window) == date(2026, 3, 9)
    assert weekly_due("America/Chicago", 1, time(8, 0), *window) is None
    # A week earlier (EST) the same local time was 13:00 UTC.
    assert (
        weekly_due(NEW_YORK, 1, time(8, 0), utc(2026, 3, 2, 12, 0), utc(2026, 3, 2, 13, 0)) is None
    )
    assert weekly_due(NEW_YORK, 1, time(8, 0), utc(2026, 3, 2, 13, 0), utc(2026, 3, 2, 13, 1)) == (
        date(2026, 3, 2)
    )


def test_monday_digest_in_sydney_is_sunday_in_utc():
    # Monday 08:00 AEST on 2026-06-15 is Sunday 22:00 UTC.
    window = utc(2026, 6, 14, 21, 50), utc(2026, 6, 14, 22, 7)
    assert weekly_due("Australia/Sydney", 1, time(8, 0), *window) == date(2026, 6, 15)


def test_weekly_catch_up_window_returns_the_latest_week_once():
    window = utc(2026, 3, 1, 0, 0), utc(2026, 3, 20, 0, 0)
    assert weekly_due(NEW_YORK, 1, time(8, 0), *window) == date(2026, 3, 16)


def test_weekly_digest_refuses_a_bad_weekday():
    with pytest.raises(ValueError):
        weekly_due(NEW_YORK, 0, time(8, 0), utc(2026, 3, 9, 12, 0), utc(2026, 3, 9, 12, 1))


@settings(max_examples=100, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    weekday=st.integers(min_value=1, max_value=7),
    at=st.times().map(lambda moment: time(moment.hour, moment.minute)),
    first_day=st.sampled_from(INTERESTING_DATES),
    lengths=window_lengths,
)
def test_a_weekly_event_fires_once_a_week_whatever_the_sweep_windows(
    zone, weekday, at, first_day, lengths
):
    start = occurrence_utc(zone, first_day, time(0, 0))
    end = occurrence_utc(zone, first_day + timedelta(days=14), time(0, 0))
    fired = []
    window_start, index = start, 0
    while window_start < end:
        window_end = min(end, window_start + timedelta(minutes=60 * lengths[index % len(lengths)]))
        due = weekly_due(zone, weekday, at, window_start, window_end)
        if due is not None:
            fired.append(due)
        window_start, index = window_end, index + 1
    assert len(fired) == 2
    assert all(day.isoweekday() == weekday for day in fired)
    assert fired[1] - fired[0] == timedelta(days=7)
