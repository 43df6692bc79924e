"""How far from today a date a person enters may lie, in one place, and the guard that keeps a
stored date Python can't handle from breaking a page.

Forms put `date_validator(WINDOW)` on their date fields (a clear error early) and services call
`check_date`, `date_error` or `datetime_error` with the person's own today (the rule that
protects the data).
`local_datetime` turns a date and a wall-clock time into an aware datetime, refusing one that
falls outside what Python can represent once converted.

A row written before these bounds, or by raw SQL, can still hold a year Python can't convert
(PostgreSQL stores years 4713 BC to 294276 AD). `install_read_guard` runs on every new database
connection and clamps each date and timestamp read into `SAFE_MIN`..`SAFE_MAX`, so converting it
to any time zone or adding a few months to it never overflows: pages, feeds, the admin and services
keep working and show the date as very far away.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A year's margin at each end of Python's range: ±14 h of time zone plus any arithmetic a page
# does (a week, a month, a year) never overflows. No real date comes near either.
SAFE_MIN = datetime(2, 1, 1, tzinfo=UTC)
SAFE_MAX = datetime(9999, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Window:
    """Dates from `today - days_back` (or `earliest`) to `today + days_ahead`, both included."""

    name: str
    days_ahead: int
    days_back: int | None = None
    earliest: date | None = None

    def bounds(self, today: date) -> tuple[date, date]:
        first = today - timedelta(days=self.days_back) if self.days_back is not None else None
        if self.earliest is not None:
            first = max(first, self.earliest) if first else self.earliest
        return first or SAFE_MIN.date(), today + timedelta(days=self.days_ahead)


YEAR = 365
# A meeting or event being planned (past days are refused by the services themselves).
PLANNED = Window("planned", days_back=5 * YEAR, days_ahead=5 * YEAR)
# A meeting that took place: not more than a day ahead (time zones), not years back.
LOGGED = Window("logged", days_back=5 * YEAR, days_ahead=1)
# When recovery started: a real date of a life, never in the future.
RECOVERY_START = Window("recovery_start", earliest=date(1900, 1, 1), days_ahead=0)
# Goal targets, milestones and action-item due dates.
TARGET = Window("target", days_back=10 * YEAR, days_ahead=10 * YEAR)
# A recent day: check-ins, habit logs, "paired before" cohorts.
RECENT = Window("recent", days_back=50 * YEAR, days_ahead=1)
# The days a report covers.
REPORT = Window("report", earliest=date(1970, 1, 1), days_ahead=5 * YEAR)


def _message(window: Window, today: date) -> str:
    first, last = window.bounds(today)
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": date_format(first, "DATE_FORMAT"),
        "last": date_format(last, "DATE_FORMAT"),
    }


def in_window(value: date, window: Window, *, today: date) -> bool:
    first, last = window.bounds(today)
    return first <= value <= last


def check_date(value: date | None, window: Window, *, today: date, field: str) -> None:
    """Raise a ValidationError on `field` when `value` lies outside the window around `today`
    (the person's own today)."""
    if value is not None and not in_window(value, window, today=today):
        raise ValidationError({field: [_message(window, today)]})


def date_error(value: date | None, window: Window, *, today: date) -> str | None:
    """The message for a date outside the window, for services that gather errors."""
    if value is None or in_window(value, window, today=today):
        return None
    return _message(window, today)


def datetime_error(value: datetime, window: Window, *, zone_name: str = "UTC") -> str | None:
    """Same for an aware datetime, judged by its date in the person's zone."""
    zone = zoneinfo.ZoneInfo(zone_name)
    today = timezone.now().astimezone(zone).date()
    if not SAFE_MIN <= value <= SAFE_MAX:
        return _message(window, today)
    return date_error(value.astimezone(zone).date(), window, today=today)


# Forms don't know the person's zone, and a service has a sharper message near the bounds
# ("can't be in the future"): a form refuses only what lies a week or more outside the window,
# and the service applies the exact bounds.
FORM_SLACK = timedelta(days=7)


def date_validator(window: Window):
    """A form-field validator for dates far outside `window`."""

    def validate(value: date) -> None:
        today = timezone.localdate()
        first, last = window.bounds(today)
        if not first - FORM_SLACK <= value <= last + FORM_SLACK:
            raise ValidationError(_message(window, today), code="out_of_window")

    return validate


OUT_OF_RANGE = gettext_lazy("This date and time can't be used. Choose a date nearer today.")


def local_datetime(day: date, at: time, zone_name: str) -> datetime:
    """A date and a wall-clock time in the person's zone, as an aware datetime; a ValidationError
    when it falls outside the range Python can convert (9999-12-31 late at night in Chicago)."""
    value = datetime.combine(
        day, at.replace(second=0, microsecond=0), tzinfo=zoneinfo.ZoneInfo(zone_name)
    )
    try:
        in_utc = value.astimezone(UTC)
    except OverflowError as exc:
        raise ValidationError(OUT_OF_RANGE, code="out_of_range") from exc
    if not SAFE_MIN <= in_utc <= SAFE_MAX:
        raise ValidationError(OUT_OF_RANGE, code="out_of_range")
    return value


# Reading: clamp what the database holds into the safe range ------------------------------

_YEAR = re.compile(r"^\s*(\d+)")


def _too_early(text: str) -> bool:
    match = _YEAR.match(text)
    return text.rstrip().endswith("BC") or (match is not None and int(match.group(1)) < 5000)


def clamp_datetime(value: datetime) -> datetime:
    if value.tzinfo is None:
        return min(max(value, SAFE_MIN.replace(tzinfo=None)), SAFE_MAX.replace(tzinfo=None))
    return min(max(value, SAFE_MIN), SAFE_MAX)


def clamp_date(value: date) -> date:
    return min(max(value, SAFE_MIN.date()), SAFE_MAX.date())


def _guarded(parse, clamp, earliest, latest):
    def cast(text, *args):
        if text is None:
            return None
        try:
            value = parse(text, *args)
        except (ValueError, OverflowError):
            return earliest if _too_early(str(text)) else latest
        if value is None or isinstance(value, str):  # "infinity" stays as the driver gives it
            return value
        return clamp(value)

    return cast


def _guard_postgresql(raw_connection) -> None:
    import psycopg2.extensions as pg

    for name, caster, clamp, earliest, latest in (
        ("TIMESTAMPTZ_SAFE", pg.PYDATETIMETZ, clamp_datetime, SAFE_MIN, SAFE_MAX),
        (
            "TIMESTAMP_SAFE",
            pg.PYDATETIME,
            clamp_datetime,
            SAFE_MIN.replace(tzinfo=None),
            SAFE_MAX.replace(tzinfo=None),
        ),
        ("DATE_SAFE", pg.PYDATE, clamp_date, SAFE_MIN.date(), SAFE_MAX.date()),
    ):
        safe = pg.new_type(caster.values, name, _guarded(caster, clamp, earliest, latest))
        pg.register_type(safe, raw_connection)


def _guard_sqlite() -> None:
    import sqlite3

    from django.utils.dateparse import parse_date, parse_datetime

    def parse_text(parse):
        def run(raw: bytes):
            value = parse(raw.decode())
            if value is None:
                raise ValueError(raw)
            return value

        return run

    naive_min, naive_max = SAFE_MIN.replace(tzinfo=None), SAFE_MAX.replace(tzinfo=None)
    for declared in ("datetime", "timestamp"):
        sqlite3.register_converter(
            declared,
            _guarded(parse_text(parse_datetime), clamp_datetime, naive_min, naive_max),
        )
    sqlite3.register_converter(
        "date", _guarded(parse_text(parse_date), clamp_date, SAFE_MIN.date(), SAFE_MAX.date())
    )


def install_read_guard(sender, connection, **kwargs) -> None:
    """Receiver of django.db.backends.signals.connection_created."""
    if connection.vendor == "postgresql":
        _guard_postgresql(connection.connection)
    elif connection.vendor == "sqlite":
        _guard_sqlite()
