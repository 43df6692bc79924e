"""Days and ranges in the program's own time zone: a report's "today", its weeks and months,
and the half-open [start, end) instants of a range of whole days."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Program

MAX_RANGE_YEARS = 5


def program_zone(program: Program) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(program.time_zone)


def program_today(program: Program, now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), program_zone(program)).date()


def day_start(program: Program, day: date) -> datetime:
    """The first instant of `day` in the program's time zone."""
    return datetime.combine(day, time.min, tzinfo=program_zone(program))


def days_between(program: Program, first: date, last: date) -> tuple[datetime, datetime]:
    """The instants from the start of `first` to the start of the day after `last`."""
    return day_start(program, first), day_start(program, last + timedelta(days=1))


def last_full_quarter(today: date) -> tuple[date, date]:
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last = quarter_start - timedelta(days=1)
    return date(last.year, 3 * ((last.month - 1) // 3) + 1, 1), last


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def as_date(value: date | datetime, program: Program) -> date:
    """A truncated week or month from the database as a date (datetimes come back aware on
    PostgreSQL and SQLite alike)."""
    if isinstance(value, datetime):
        return (
            timezone.localtime(value, program_zone(program)).date()
            if value.tzinfo
            else value.date()
        )
    return value
