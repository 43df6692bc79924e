"""When reminders are due: pure wall-clock arithmetic, standard library only.

A reminder time is a wall-clock minute in a person's (or a program's) time zone. The sweeps in
`mentoring/tasks.py` and `matching/tasks.py` group people by zone, ask this module which local
minutes fell due since the last run, and select the reminders set for those minutes in a few
queries. Everything here takes aware datetimes and plain data and imports no Django.

One rule ties the functions together: a local minute *fires* at `occurrence_utc(...)`, and
`due_local_times` returns exactly the minutes that fire inside its window. Across daylight-saving
changes this means:

- a wall-clock time that does not exist (02:30 in America/New_York on 2026-03-08) fires once, at
  the first valid minute after the gap (03:00 local, 07:00 UTC);
- a wall-clock time that occurs twice (01:30 on 2026-11-01) fires once, at its first occurrence.

Functions:

`local_minute_now(zone, now_utc) -> (date, time, weekday)`
    The local date, the wall-clock minute (seconds dropped) and the ISO weekday (Monday = 1).

`due_local_times(zone, window_start_utc, window_end_utc) -> [(date, time, weekday), ...]`
    Every local minute that fires in the half-open UTC window [start, end), in order. A sweep
    that runs every minute passes [last run, now); one that catches up after a pause passes the
    whole pause. The window containing the end of a spring-forward gap also returns the skipped
    minutes; the second pass through a repeated hour returns nothing new.

`occurrence_utc(zone, local_date, local_time) -> datetime`
    The UTC instant a local reminder time means on that date (seconds dropped; skipped -> first
    valid minute after the gap; repeated -> first occurrence).

`slot_key(kind, object_id, local_date)` / `instant_slot_key(kind, object_id, instant_utc)`
    Dedupe keys for daily reminders ("checkin_reminder:42:2026-03-08") and for reminders tied to
    an instant ("meeting_reminder_1h:17:2026-03-08T14:00Z"): a notification is stored at most
    once per person, kind and slot.

`in_quiet_hours(zone, start, end, now_utc) -> datetime | None`
    None when `now_utc` is outside the person's quiet hours (or none are set, or start == end),
    else the UTC instant they end. Quiet hours may wrap midnight (22:00-07:00).

`weekly_due(zone, weekday, local_time, window_start_utc, window_end_utc) -> date | None`
    The local date of a weekly event (the coordinators' Monday-morning digest in the program's
    zone) that fires inside the window, or None. If a long catch-up window holds several weeks,
    the latest one is returned so a late digest is sent once.

Unknown zone names raise `zoneinfo.ZoneInfoNotFoundError`; naive datetimes raise ValueError.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MINUTE = timedelta(minutes=1)
LocalMinute = tuple[date, time, int]


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Expected an aware datetime, got a naive one.")


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    """The local wall-clock time of an instant, naive, with fold telling which pass it is."""
    local = moment.astimezone(zone)
    return local.replace(tzinfo=None)


def _wall_minute(wall: datetime) -> LocalMinute:
    return wall.date(), time(wall.hour, wall.minute), wall.isoweekday()


def _ceil_to_minute(moment: datetime) -> datetime:
    moment = moment.astimezone(UTC)
    floored = moment.replace(second=0, microsecond=0)
    return floored if floored == moment else floored + MINUTE


def local_minute_now(zone: str, now_utc: datetime) -> LocalMinute:
    _require_aware(now_utc)
    return _wall_minute(_wall(now_utc, ZoneInfo(zone)))


def due_local_times(
    zone: str, window_start_utc: datetime, window_end_utc: datetime
) -> list[LocalMinute]:
    _require_aware(window_start_utc)
    _require_aware(window_end_utc)
    tz = ZoneInfo(zone)
    due: list[LocalMinute] = []
    instant = _ceil_to_minute(window_start_utc)
    end = window_end_utc.astimezone(UTC)
    previous_wall = _wall(instant - MINUTE, tz)
    while instant < end:
        wall = _wall(instant, tz)
        if wall.fold == 0:
            # Minutes skipped by a spring-forward gap fire at the first minute after it.
            skipped = previous_wall.replace(fold=0) + MINUTE
            while skipped < wall.replace(fold=0):
                due.append(_wall_minute(skipped))
                skipped += MINUTE
            due.append(_wall_minute(wall))
        # fold == 1: the second pass through a repeated hour; those minutes already fired.
        previous_wall = wall
        instant += MINUTE
    return due


def _exists(naive: datetime, tz: ZoneInfo) -> bool:
    # astimezone() to the same zone returns its argument unchanged, so go through UTC.
    round_trip = naive.replace(tzinfo=tz).astimezone(UTC)
    return _wall(round_trip, tz).replace(fold=0) == naive


def occurrence_utc(zone: str, local_date: date, local_time: time) -> datetime:
    tz = ZoneInfo(zone)
    naive = datetime.combine(local_date, time(local_time.hour, local_time.minute))
    while not _exists(naive, tz):
        naive += MINUTE
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def slot_key(kind: str, object_id: int, local_date: date) -> str:
    _require_plain_kind(kind)
    return f"{kind}:{object_id}:{local_date.isoformat()}"


def instant_slot_key(kind: str, object_id: int, instant_utc: datetime) -> str:
    _require_plain_kind(kind)
    _require_aware(instant_utc)
    return f"{kind}:{object_id}:{instant_utc.astimezone(UTC):%Y-%m-%dT%H:%M}Z"


def _require_plain_kind(kind: str) -> None:
    # A colon in the kind would let two different slots share one key.
    if not kind or ":" in kind:
        raise ValueError(f"A notification kind must be non-empty and colon-free: {kind!r}")


def in_quiet_hours(
    zone: str, start: time | None, end: time | None, now_utc: datetime
) -> datetime | None:
    _require_aware(now_utc)
    if start is None or end is None or start == end:
        return None
    wall = _wall(now_utc, ZoneInfo(zone))
    now_time, today = wall.time(), wall.date()
    if start < end:
        if not start <= now_time < end:
            return None
        end_date = today
    elif now_time >= start:
        end_date = today + timedelta(days=1)
    elif now_time < end:
        end_date = today
    else:
        return None
    ends = occurrence_utc(zone, end_date, end)
    if ends <= now_utc:
        # Now is in the second pass of a repeated hour and the end's first occurrence has
        # passed: quiet hours end at the second occurrence.
        ends = (
            datetime.combine(end_date, time(end.hour, end.minute))
            .replace(tzinfo=ZoneInfo(zone), fold=1)
            .astimezone(UTC)
        )
    return ends


def weekly_due(
    zone: str,
    weekday: int,
    local_time: time,
    window_start_utc: datetime,
    window_end_utc: datetime,
) -> date | None:
    _require_aware(window_start_utc)
    _require_aware(window_end_utc)
    if not 1 <= weekday <= 7:
        raise ValueError(f"ISO weekday must be 1 (Monday) to 7 (Sunday), got {weekday}.")
    tz = ZoneInfo(zone)
    # A skipped time can fire up to a day after its date, so look one day either side.
    first = _wall(window_start_utc, tz).date() - timedelta(days=1)
    last = _wall(window_end_utc, tz).date() + timedelta(days=1)
    candidate = last - timedelta(days=(last.isoweekday() - weekday) % 7)
    while candidate >= first:
        if window_start_utc <= occurrence_utc(zone, candidate, local_time) < window_end_utc:
            return candidate
        candidate -= timedelta(days=7)
    return None
