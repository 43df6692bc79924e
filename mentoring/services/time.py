import zoneinfo
from datetime import date

from django.utils import timezone

from accounts.models import Membership


def local_today(membership: Membership) -> date:
    """Today in the person's own time zone (their profile's), which decides "one per day"."""
    profile = getattr(membership.user, "profile", None)
    zone_name = profile.time_zone if profile else membership.program.time_zone
    return timezone.now().astimezone(zoneinfo.ZoneInfo(zone_name)).date()
