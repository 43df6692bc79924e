"""Demo times: a local wall-clock time in a zone, as an aware datetime."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time


def at(day: date, hour: int, zone: str, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))
