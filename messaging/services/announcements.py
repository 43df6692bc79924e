"""Posting and dismissing announcements.

- `announcement_post(*, by, title, body, audience, cohort_date=None, submission_key)`: a
  coordinator's announcement, stored once per form key, its recipients resolved in one query
  and stored in one bulk insert, each told through notifications (a link, never the text).
  The author is not among the recipients. The returned announcement has `recipient_count`.
- `announcement_dismiss(*, recipient_membership, announcement)`: hides it from that person's
  home only.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.dates import RECENT, date_error
from accounts.models import Membership
from accounts.services import form_submission_claim
from notifications.services import BulkRow, notifications_send_bulk

from ..models import (
    ANNOUNCEMENT_BODY_MAX_LENGTH,
    ANNOUNCEMENT_TITLE_MAX_LENGTH,
    Announcement,
    AnnouncementRecipient,
)
from ..selectors.announcements import announcement_audience


def _clean_text(value: str) -> str:
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()


def _too_long(limit: int, count: int) -> str:
    return _("Use up to %(limit)s characters (this has %(count)s).") % {
        "limit": f"{limit:,}",
        "count": f"{count:,}",
    }


def cohort_start(*, cohort_date: date, time_zone: str) -> datetime:
    """The first moment of the cohort date in the program's time zone."""
    return datetime.combine(cohort_date, time.min, tzinfo=zoneinfo.ZoneInfo(time_zone))


def _validated(*, title: str, body: str, audience: str, cohort_date, time_zone: str) -> dict:
    errors: dict[str, list[str]] = {}
    title = " ".join(_clean_text(title).split())
    body = _clean_text(body)
    if not title:
        errors["title"] = [_("Give the announcement a title.")]
    elif len(title) > ANNOUNCEMENT_TITLE_MAX_LENGTH:
        errors["title"] = [_too_long(ANNOUNCEMENT_TITLE_MAX_LENGTH, len(title))]
    if not body:
        errors["body"] = [_("Write the announcement first.")]
    elif len(body) > ANNOUNCEMENT_BODY_MAX_LENGTH:
        errors["body"] = [_too_long(ANNOUNCEMENT_BODY_MAX_LENGTH, len(body))]
    if audience not in Announcement.Audience.values:
        errors["audience"] = [_("Choose who receives the announcement.")]
    elif audience == Announcement.Audience.MENTEES_PAIRED_BEFORE:
        today = timezone.now().astimezone(zoneinfo.ZoneInfo(time_zone)).date()
        if cohort_date is None:
            errors["cohort_date"] = [_("Give the date: mentees paired before it receive it.")]
        elif cohort_date > today:
            errors["cohort_date"] = [_("The date cannot be in the future.")]
        elif message := date_error(cohort_date, RECENT, today=today):
            errors["cohort_date"] = [message]
    else:
        cohort_date = None  # only the cohort audience keeps a date
    if errors:
        raise ValidationError(errors)
    return {"title": title, "body": body, "audience": audience, "cohort_date": cohort_date}


@transaction.atomic
def announcement_post(
    *,
    by: Membership,
    title: str,
    body: str,
    audience: str,
    cohort_date: date | None = None,
    submission_key: str,
) -> Announcement:
    if not by.is_coordinator or by.status != Membership.Status.ACTIVE:
        raise PermissionDenied
    program = by.program
    data = _validated(
        title=title,
        body=body,
        audience=audience,
        cohort_date=cohort_date,
        time_zone=program.time_zone,
    )
    form_submission_claim(user=by.user, key=submission_key)
    announcement = Announcement.objects.create(program=program, author=by, **data)
    start = (
        cohort_start(cohort_date=data["cohort_date"], time_zone=program.time_zone)
        if data["cohort_date"]
        else None
    )
    people = list(
        announcement_audience(program=program, audience=data["audience"], cohort_start=start)
        .exclude(pk=by.pk)
        .values_list("pk", "user_id")
    )
    AnnouncementRecipient.objects.bulk_create(
        AnnouncementRecipient(announcement=announcement, membership_id=membership_id)
        for membership_id, _user_id in people
    )
    home = reverse("program_home", kwargs={"program_slug": program.slug})
    notifications_send_bulk(
        BulkRow(
            recipient_id=user_id,
            kind="announcement",
            key=f"announcement:{announcement.pk}",
            url=home,
            program_id=program.pk,
        )
        for _membership_id, user_id in people
    )
    announcement.recipient_count = len(people)
    return announcement


def announcement_dismiss(*, recipient_membership: Membership, announcement: Announcement) -> bool:
    """Hides the announcement from this person's home; True when it was showing."""
    updated = AnnouncementRecipient.objects.filter(
        announcement=announcement, membership=recipient_membership, dismissed_at__isnull=True
    ).update(dismissed_at=timezone.now())
    return bool(updated)
