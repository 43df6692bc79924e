import zoneinfo
from datetime import date, datetime

from django.utils import timezone

from accounts.models import Membership


def _zone(membership: Membership) -> zoneinfo.ZoneInfo:
    profile = getattr(membership.user, "profile", None)
    return zoneinfo.ZoneInfo(profile.time_zone if profile else membership.program.time_zone)


def local_today(membership: Membership) -> date:
    """Today in the person's own time zone (their profile's), which decides "one per day"."""
    return timezone.now().astimezone(_zone(membership)).date()


def local_date(membership: Membership, moment: datetime) -> date:
    """The day `moment` fell on in the person's own time zone (compare it with local_today)."""
    return moment.astimezone(_zone(membership)).date()
