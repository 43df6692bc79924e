"""The coordinators' weekly summary, Monday 08:00 in the program's time zone."""

from collections.abc import Iterator
from datetime import datetime, time

from django.urls import reverse

from accounts.models import Membership, Program, Role
from notifications.schedule import slot_key, weekly_due
from notifications.services import BulkRow, notifications_send_bulk

DIGEST_WEEKDAY = 1  # ISO: Monday
DIGEST_TIME = time(8, 0)


def _digest_rows(window_start: datetime, window_end: datetime) -> Iterator[BulkRow]:
    due = {}
    for program_id, slug, zone in Program.objects.values_list("pk", "slug", "time_zone"):
        week_of = weekly_due(zone, DIGEST_WEEKDAY, DIGEST_TIME, window_start, window_end)
        if week_of is not None:
            due[program_id] = (slug, week_of)
    if not due:
        return
    for program_id, user_id in Membership.objects.filter(
        program_id__in=list(due), role=Role.COORDINATOR, status=Membership.Status.ACTIVE
    ).values_list("program_id", "user_id"):
        slug, week_of = due[program_id]
        yield BulkRow(
            recipient_id=user_id,
            kind="weekly_digest",
            key=slot_key("weekly_digest", program_id, week_of),
            url=reverse("summary:index", kwargs={"program_slug": slug}),
            program_id=program_id,
        )


def weekly_digests_send(*, window_start: datetime, window_end: datetime) -> int:
    """Tells each coordinator that the program's weekly summary is ready, once per program
    week, when Monday 08:00 in the program's time zone falls in the window. The summary's
    counts are read fresh on its page (`selectors.summary`): the notification carries none."""
    return notifications_send_bulk(_digest_rows(window_start, window_end))
