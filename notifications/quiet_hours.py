"""Quiet hours: when a delivery inside a person's quiet hours may go instead."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone


def quiet_hours_end(
    *, start: time | None, end: time | None, time_zone: str, now: datetime | None = None
) -> datetime | None:
    """The UTC instant the current quiet hours end, or None when `now` is outside them.

    Hours may wrap midnight (22:00-07:00). Local times are read in `time_zone`."""
    if start is None or end is None or start == end:
        return None
    zone = ZoneInfo(time_zone)
    local_now = (now or timezone.now()).astimezone(zone)
    current = local_now.time().replace(tzinfo=None)
    if start < end:
        inside = start <= current < end
    else:
        inside = current >= start or current < end
    if not inside:
        return None
    end_date = local_now.date()
    if current >= end:
        end_date += timedelta(days=1)
    local_end = datetime.combine(end_date, end, tzinfo=zone)
    return local_end.astimezone(ZoneInfo("UTC"))
